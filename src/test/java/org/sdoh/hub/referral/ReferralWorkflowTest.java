package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;

/** The referral workflow through the REST API, as an EHR and a CBO system use it. */
class ReferralWorkflowTest extends FhirServerTestBase {

	private static final String PARTY = ReferralActorResolver.HEADER;

	private String clinic;
	private String cbo;
	private String patient;
	private String serviceRequest;

	@BeforeEach
	void network() {
		clinic = create(new Organization().setName(unique("Clinic")));
		cbo = create(new Organization().setName(unique("Food bank")));
		patient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Referred")));
		serviceRequest = create(Referrals.serviceRequest(patient));
	}

	@Test
	void directLightReferralClosesTheLoopWithTheProcedureInTaskOutput() {
		Bundle referral = new Bundle().setType(BundleType.TRANSACTION);
		String srUrn = "urn:uuid:" + java.util.UUID.randomUUID();
		referral.addEntry().setFullUrl(srUrn).setResource(Referrals.serviceRequest(patient)).getRequest().setMethod(HTTPVerb.POST).setUrl("ServiceRequest");
		referral.addEntry().setResource(task(TaskStatus.REQUESTED).setFocus(new Reference(srUrn))).getRequest().setMethod(HTTPVerb.POST).setUrl("Task");
		client.transaction().withBundle(referral).withAdditionalHeader(PARTY, "requester").execute();

		Bundle inbox = client.search().byUrl("Task?owner=" + cbo + "&status=requested&_include=Task:focus&_include=Task:patient")
				.returnBundle(Bundle.class).execute();
		assertThat(inbox.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactlyInAnyOrder("Task", "ServiceRequest", "Patient");
		Task task = (Task) inbox.getEntry().stream().filter(e -> e.getResource() instanceof Task).findFirst().orElseThrow().getResource();

		task = asOwner(task.setStatus(TaskStatus.ACCEPTED));
		task = asOwner(task.setStatus(TaskStatus.INPROGRESS));
		Procedure provided = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setSubject(new Reference(patient));
		provided.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("710925007").setDisplay("Provision of food");
		String procedure = create(provided);
		task.addOutput().setValue(new Reference(procedure)).getType().addCoding()
				.setSystem("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes").setCode("resulting-activity");
		asOwner(task.setStatus(TaskStatus.COMPLETED));

		Task seenByEhr = client.read().resource(Task.class).withId(task.getIdElement().toUnqualifiedVersionless()).execute();
		assertThat(seenByEhr.getStatus()).isEqualTo(TaskStatus.COMPLETED);
		assertThat(seenByEhr.getOutputFirstRep().getValue()).isInstanceOfSatisfying(Reference.class,
				r -> assertThat(r.getReference()).isEqualTo(procedure));
		assertThat(seenByEhr.getMeta().getVersionId()).isEqualTo("4");
		ServiceRequest request = client.read().resource(ServiceRequest.class)
				.withId(seenByEhr.getFocus().getReferenceElement()).execute();
		assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
	}

	@Test
	void cancellingTheOnlyTaskRevokesTheServiceRequestWithACodedReason() {
		Task task = client.read().resource(Task.class).withId(createTask(task(TaskStatus.REQUESTED))).execute();
		task.setStatus(TaskStatus.CANCELLED).getStatusReason().setText("Client moved out of state").addCoding()
				.setSystem("http://sdoh-referral-hub.org/fhir/CodeSystem/referral-status-reason").setCode("out-of-service-area");

		client.update().resource(task).withAdditionalHeader(PARTY, "requester").execute();

		ServiceRequest request = client.read().resource(ServiceRequest.class).withId(new IdType(serviceRequest)).execute();
		assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.REVOKED);
	}

	@Test
	void messagesAboutAReferralAreFoundByTheirTask() {
		IdType taskId = createTask(task(TaskStatus.REQUESTED));
		org.hl7.fhir.r4.model.Communication question = new org.hl7.fhir.r4.model.Communication()
				.setStatus(org.hl7.fhir.r4.model.Communication.CommunicationStatus.COMPLETED);
		question.addPartOf(new Reference(taskId)).addBasedOn(new Reference(serviceRequest)).setSubject(new Reference(patient));
		question.setSender(new Reference(cbo)).addRecipient(new Reference(clinic));
		question.addPayload().setContent(new org.hl7.fhir.r4.model.StringType("Is the client available on weekday mornings?"));
		create(question);

		Bundle thread = client.search().byUrl("Communication?part-of=" + taskId.getValue()).returnBundle(Bundle.class).execute();

		assertThat(thread.getEntry()).hasSize(1);
	}

	static Stream<Arguments> everyTransition() {
		return ReferralTaskStateMachineTest.everyPair();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("everyTransition")
	void everyTransitionIsAcceptedOrRefusedAsTheStateMachineSays(TaskStatus from, TaskStatus to) {
		Task task = client.read().resource(Task.class).withId(createTask(withStateRequirements(task(from)))).execute();
		Task changed = withStateRequirements(task.copy().setStatus(to));
		String side = ReferralTaskStateMachine.setBy(to).contains(ReferralParty.OWNER) ? "owner" : "requester";

		if (ReferralTaskStateMachine.isAllowed(from, to)) {
			Task updated = (Task) client.update().resource(changed).withAdditionalHeader(PARTY, side).execute().getResource();
			assertThat(client.read().resource(Task.class).withId(task.getIdElement().toUnqualifiedVersionless()).execute().getStatus())
					.isEqualTo(to);
		} else {
			assertThatThrownBy(() -> client.update().resource(changed).withAdditionalHeader(PARTY, side).execute())
					.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(issue(e).getExpression().get(0).getValue())
							.isEqualTo("Task.status"));
			Task unchanged = client.read().resource(Task.class).withId(task.getIdElement().toUnqualifiedVersionless()).execute();
			assertThat(unchanged.getStatus()).isEqualTo(from);
			assertThat(unchanged.getMeta().getVersionId()).isEqualTo("1");
		}
	}

	@Test
	void requesterMayNotAcceptAndOwnerMayNotMarkEnteredInError() {
		Task task = client.read().resource(Task.class).withId(createTask(task(TaskStatus.REQUESTED))).execute();

		assertThatThrownBy(() -> client.update().resource(task.copy().setStatus(TaskStatus.ACCEPTED)).withAdditionalHeader(PARTY, "requester").execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(issue(e).getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN));
		assertThatThrownBy(() -> client.update().resource(task.copy().setStatus(TaskStatus.ENTEREDINERROR)).withAdditionalHeader(PARTY, "owner").execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(issue(e).getDiagnostics()).contains("Only the requester"));
		assertThat(client.read().resource(Task.class).withId(task.getIdElement().toUnqualifiedVersionless()).execute().getMeta().getVersionId())
				.isEqualTo("1");
	}

	@Test
	void ownerMayNotRedirectTheReferralToAnotherOrganization() {
		Task task = client.read().resource(Task.class).withId(createTask(task(TaskStatus.REQUESTED))).execute();
		String otherCbo = create(new Organization().setName(unique("Other CBO")));

		assertThatThrownBy(() -> client.update().resource(task.copy().setOwner(new Reference(otherCbo))).withAdditionalHeader(PARTY, "owner").execute())
				.isInstanceOf(UnprocessableEntityException.class);
	}

	@Test
	void newReferralMustStartAsRequestedUnlessTheCallerIsAdministrative() {
		assertThatThrownBy(() -> client.create().resource(task(TaskStatus.ACCEPTED)).withAdditionalHeader(PARTY, "requester").execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(issue(e).getDiagnostics()).contains("starts as 'requested'"));

		assertThat(client.read().resource(Task.class).withId(createTask(task(TaskStatus.ACCEPTED))).execute().getStatus())
				.isEqualTo(TaskStatus.ACCEPTED);
	}

	@Test
	void referralWhoseFocusIsAnotherPersonsServiceRequestIsRefusedAndNothingIsStored() {
		String otherPatient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Other")));
		String marker = unique("wrong-person");
		Task task = task(TaskStatus.REQUESTED).setFor(new Reference(otherPatient));
		task.addIdentifier().setSystem("urn:test:marker").setValue(marker);

		assertThatThrownBy(() -> client.create().resource(task).execute())
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> assertThat(issue(e).getExpression().get(0).getValue()).isEqualTo("Task.for"));
		assertThat(client.search().byUrl("Task?identifier=urn:test:marker|" + marker).returnBundle(Bundle.class).execute().getTotal()).isZero();
	}

	@Test
	void staleIfMatchGets412AndChangesNothing() {
		IdType id = createTask(task(TaskStatus.REQUESTED));
		Task v1 = client.read().resource(Task.class).withId(id).execute();
		asOwner(v1.copy().setStatus(TaskStatus.ACCEPTED));

		Task stale = v1.copy();
		stale.setStatus(TaskStatus.REJECTED).getStatusReason().setText("At capacity");
		assertThatThrownBy(() -> client.update().resource(stale).withAdditionalHeader(PARTY, "owner")
				.withAdditionalHeader("If-Match", "W/\"1\"").execute())
				.isInstanceOf(PreconditionFailedException.class);
		Task current = client.read().resource(Task.class).withId(id).execute();
		assertThat(current.getStatus()).isEqualTo(TaskStatus.ACCEPTED);
		assertThat(current.getMeta().getVersionId()).isEqualTo("2");
	}

	@Test
	void twoConcurrentUpdatesOfTheSameVersionExactlyOneWins() throws Exception {
		IdType id = createTask(task(TaskStatus.REQUESTED));
		Task v1 = client.read().resource(Task.class).withId(id).execute();
		Task accept = v1.copy().setStatus(TaskStatus.ACCEPTED);
		Task reject = v1.copy().setStatus(TaskStatus.REJECTED);
		reject.getStatusReason().setText("Not eligible");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Integer>> results = new ArrayList<>();
		for (Task attempt : List.of(accept, reject)) {
			Callable<Integer> update = () -> {
				start.await();
				try {
					client.update().resource(attempt).withAdditionalHeader(PARTY, "owner").withAdditionalHeader("If-Match", "W/\"1\"").execute();
					return 200;
				} catch (PreconditionFailedException e) {
					return 412;
				}
			};
			results.add(pool.submit(update));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> result : results) {
			statuses.add(result.get());
		}
		pool.shutdown();

		assertThat(statuses).containsExactlyInAnyOrder(200, 412);
		assertThat(client.read().resource(Task.class).withId(id).execute().getMeta().getVersionId()).isEqualTo("2");
	}

	private Task asOwner(Task task) {
		return (Task) client.update().resource(task).withAdditionalHeader(PARTY, "owner").execute().getResource();
	}

	private Task task(TaskStatus status) {
		Task task = new Task().setStatus(status).setIntent(Task.TaskIntent.ORDER);
		task.getMeta().addProfile(ReferralTaskRules.PROFILE);
		task.getCode().addCoding().setSystem(ReferralTaskRules.TASK_CODE_SYSTEM).setCode(ReferralTaskRules.FULFILL);
		task.setFocus(new Reference(serviceRequest)).setFor(new Reference(patient))
				.setRequester(new Reference(clinic)).setOwner(new Reference(cbo))
				.setAuthoredOnElement(DateTimeType.now());
		return task;
	}

	/** Adds what a status demands (reason, output) so that only the transition itself is tested. */
	private Task withStateRequirements(Task task) {
		if (ReferralTaskStateMachine.NEEDS_REASON.contains(task.getStatus())) {
			task.getStatusReason().setText("Reason for " + task.getStatus().toCode());
		}
		if (task.getStatus() == TaskStatus.COMPLETED && !task.hasOutput()) {
			task.addOutput().setValue(new Reference(serviceRequest)).getType().setText("additional-content");
		}
		return task;
	}

	private IdType createTask(Task task) {
		return (IdType) client.create().resource(task).execute().getId().toUnqualifiedVersionless();
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}

	private static OperationOutcome.OperationOutcomeIssueComponent issue(UnprocessableEntityException e) {
		return ((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep();
	}
}
