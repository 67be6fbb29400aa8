package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class ReferralTaskRulesTest {

	private static final ReferralActor REQUESTER = ReferralActor.of(ReferralParty.REQUESTER);
	private static final ReferralActor OWNER = ReferralActor.of(ReferralParty.OWNER);

	static Task referral(TaskStatus status) {
		Task task = new Task().setStatus(status).setIntent(Task.TaskIntent.ORDER);
		task.getCode().addCoding().setSystem(ReferralTaskRules.TASK_CODE_SYSTEM).setCode(ReferralTaskRules.FULFILL);
		task.setFocus(new Reference("ServiceRequest/sr1"));
		task.setFor(new Reference("Patient/p1"));
		task.setRequester(new Reference("Organization/clinic"));
		task.setOwner(new Reference("Organization/cbo"));
		task.setAuthoredOnElement(new DateTimeType("2026-11-20T10:00:00Z"));
		return task;
	}

	@Test
	void aCompleteNewReferralInRequestedBreaksNoRule() {
		assertThat(ReferralTaskRules.checkCreate(referral(TaskStatus.REQUESTED), REQUESTER)).isEmpty();
		assertThat(ReferralTaskRules.checkCreate(referral(TaskStatus.DRAFT), REQUESTER)).isEmpty();
	}

	@Test
	void eachMissingRequiredElementIsNamed() {
		Task task = referral(TaskStatus.REQUESTED);
		task.setFocus(null).setFor(null).setRequester(null).setAuthoredOnElement(null).setIntent(Task.TaskIntent.PLAN);

		List<RuleViolation> violations = ReferralTaskRules.checkCreate(task, REQUESTER);

		assertThat(violations).extracting(RuleViolation::element)
				.containsExactlyInAnyOrder("Task.intent", "Task.focus", "Task.for", "Task.requester", "Task.authoredOn");
		assertThat(violations).filteredOn(v -> v.element().equals("Task.focus")).singleElement()
				.extracting(RuleViolation::type).isEqualTo(IssueType.REQUIRED);
	}

	@Test
	void newReferralInALaterStateIsForAdministrativeCallersOnly() {
		Task accepted = referral(TaskStatus.ACCEPTED);

		assertThat(ReferralTaskRules.checkCreate(accepted, REQUESTER)).singleElement()
				.satisfies(v -> assertThat(v.element()).isEqualTo("Task.status"))
				.satisfies(v -> assertThat(v.type()).isEqualTo(IssueType.BUSINESSRULE));
		assertThat(ReferralTaskRules.checkCreate(accepted, ReferralActor.trusted())).isEmpty();
	}

	@Test
	void administrativeCreateStillObeysTheStatesOwnRules() {
		List<RuleViolation> completed = ReferralTaskRules.checkCreate(referral(TaskStatus.COMPLETED), ReferralActor.trusted());
		List<RuleViolation> rejected = ReferralTaskRules.checkCreate(referral(TaskStatus.REJECTED), ReferralActor.trusted());

		assertThat(completed).extracting(RuleViolation::element).containsExactly("Task.output");
		assertThat(rejected).extracting(RuleViolation::element).containsExactly("Task.statusReason");
	}

	@Test
	void readyAndReceivedAreNotReferralStatuses() {
		assertThat(ReferralTaskRules.checkCreate(referral(TaskStatus.READY), ReferralActor.trusted()))
				.extracting(RuleViolation::element).containsExactly("Task.status");
		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.REQUESTED), referral(TaskStatus.RECEIVED), OWNER))
				.extracting(RuleViolation::message).singleElement().asString().contains("'received' is not a referral Task status");
	}

	@Test
	void ownerAcceptsButMayNotSetRequestedAndRequesterMayNotAccept() {
		Task requested = referral(TaskStatus.REQUESTED);

		assertThat(ReferralTaskRules.checkUpdate(requested, referral(TaskStatus.ACCEPTED), OWNER)).isEmpty();
		assertThat(ReferralTaskRules.checkUpdate(requested, referral(TaskStatus.ACCEPTED), REQUESTER))
				.singleElement().extracting(RuleViolation::type).isEqualTo(IssueType.FORBIDDEN);
		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.DRAFT), referral(TaskStatus.REQUESTED), OWNER))
				.singleElement().extracting(RuleViolation::type).isEqualTo(IssueType.FORBIDDEN);
	}

	@Test
	void eitherSideMayCancelWithAReason() {
		Task cancelled = referral(TaskStatus.CANCELLED);
		cancelled.getStatusReason().setText("Client moved away");

		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.ACCEPTED), cancelled, OWNER)).isEmpty();
		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.ACCEPTED), cancelled, REQUESTER)).isEmpty();
		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.ACCEPTED), referral(TaskStatus.CANCELLED), OWNER))
				.extracting(RuleViolation::element).containsExactly("Task.statusReason");
	}

	@Test
	void completingNeedsAnOutput() {
		Task completed = referral(TaskStatus.COMPLETED);
		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.INPROGRESS), completed, OWNER))
				.extracting(RuleViolation::element).containsExactly("Task.output");

		completed.addOutput().setValue(new Reference("Procedure/pr1")).getType().setText("resulting-activity");
		assertThat(ReferralTaskRules.checkUpdate(referral(TaskStatus.INPROGRESS), completed, OWNER)).isEmpty();
	}

	@Test
	void disallowedTransitionNamesTheAllowedNextStatuses() {
		List<RuleViolation> violations =
				ReferralTaskRules.checkUpdate(referral(TaskStatus.REQUESTED), referral(TaskStatus.INPROGRESS), OWNER);

		assertThat(violations).singleElement().satisfies(v -> {
			assertThat(v.element()).isEqualTo("Task.status");
			assertThat(v.message()).contains("from 'requested' to 'in-progress'").contains("accepted, cancelled, entered-in-error, rejected");
		});
	}

	@Test
	void ownerSideMayChangeOnlyStatusReasonBusinessStatusOutputAndNote() {
		Task before = referral(TaskStatus.ACCEPTED);
		Task notesAndStatus = referral(TaskStatus.INPROGRESS);
		notesAndStatus.addNote().setText("Called the client");
		notesAndStatus.getBusinessStatus().setText("intake scheduled");
		Task changedOwner = referral(TaskStatus.ACCEPTED).setOwner(new Reference("Organization/someone-else"));

		assertThat(ReferralTaskRules.checkUpdate(before, notesAndStatus, OWNER)).isEmpty();
		assertThat(ReferralTaskRules.checkUpdate(before, changedOwner, OWNER)).singleElement()
				.satisfies(v -> assertThat(v.type()).isEqualTo(IssueType.FORBIDDEN));
		assertThat(ReferralTaskRules.checkUpdate(before, changedOwner, REQUESTER)).isEmpty();
	}

	@Test
	void focusMustBeAServiceRequestForTheSamePerson() {
		Task task = referral(TaskStatus.REQUESTED);
		ServiceRequest forSomeoneElse = new ServiceRequest().setSubject(new Reference("Patient/p2"));

		assertThat(ReferralReferenceRules.check(task, null)).extracting(RuleViolation::element).containsExactly("Task.focus");
		assertThat(ReferralReferenceRules.check(task, forSomeoneElse)).extracting(RuleViolation::element).containsExactly("Task.for");
		assertThat(ReferralReferenceRules.check(task, new ServiceRequest().setSubject(new Reference("Patient/p1")))).isEmpty();
	}

	@Test
	void ownerMustBeAnOrganizationServiceOrPractitionerRole() {
		ServiceRequest focus = new ServiceRequest().setSubject(new Reference("Patient/p1"));
		Task ownedByPatient = referral(TaskStatus.REQUESTED).setOwner(new Reference("Patient/p1"));

		assertThat(ReferralReferenceRules.check(ownedByPatient, focus)).extracting(RuleViolation::element).containsExactly("Task.owner");
		for (String owner : List.of("Organization/o", "HealthcareService/h", "PractitionerRole/r")) {
			assertThat(ReferralReferenceRules.check(referral(TaskStatus.REQUESTED).setOwner(new Reference(owner)), focus)).isEmpty();
		}
	}

	@Test
	void absoluteReferencesToAnotherServerAreNotResolvedHere() {
		Task direct = referral(TaskStatus.REQUESTED).setFocus(new Reference("https://ehr.example.org/fhir/ServiceRequest/9"));

		assertThat(ReferralReferenceRules.check(direct, null)).isEmpty();
	}
}
