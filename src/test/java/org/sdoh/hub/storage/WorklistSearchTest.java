package org.sdoh.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;

/** The searches CBO systems poll: current on every call, paged, and with the IG's includes. */
class WorklistSearchTest extends FhirServerTestBase {

	@Test
	void pagesFollowOffsetLinksToTheEndOfTheWorklist() {
		String owner = createOwner();
		for (int i = 0; i < 3; i++) {
			createTask(owner, Task.TaskStatus.REQUESTED);
		}

		Bundle first = client.search().byUrl("Task?owner=" + owner + "&_count=2&_sort=_id").returnBundle(Bundle.class).execute();
		Bundle second = client.loadPage().next(first).execute();

		assertThat(first.getEntry()).hasSize(2);
		assertThat(first.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=2");
		assertThat(second.getEntry()).hasSize(1);
		assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
	}

	@Test
	void aPollRightAfterAnUpdateSeesTheUpdate() {
		String owner = createOwner();
		IdType kept = createTask(owner, Task.TaskStatus.REQUESTED);
		IdType accepted = createTask(owner, Task.TaskStatus.REQUESTED);
		String poll = "Task?owner=" + owner + "&status=requested";
		assertThat(ids(client.search().byUrl(poll).returnBundle(Bundle.class).execute())).hasSize(2);

		Task task = client.read().resource(Task.class).withId(accepted).execute();
		task.setStatus(Task.TaskStatus.ACCEPTED);
		client.update().resource(task).execute();
		Bundle afterUpdate = client.search().byUrl(poll).returnBundle(Bundle.class).execute();

		assertThat(ids(afterUpdate)).containsExactly(kept.getIdPart());
	}

	@Test
	void taskOutputSearchParameterFindsAndIncludesTheProcedureThatClosedTheLoop() {
		String owner = createOwner();
		Task task = task(owner, Task.TaskStatus.COMPLETED);
		Procedure procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED);
		procedure.getCode().setText("Provision of food");
		procedure.setSubject(task.getFor());
		IdType procedureId = (IdType) client.create().resource(procedure).execute().getId().toUnqualifiedVersionless();
		task.addOutput().setValue(new Reference(procedureId)).getType().setText("resulting-activity");
		IdType taskId = (IdType) client.create().resource(task).execute().getId().toUnqualifiedVersionless();

		Bundle found = client.search()
				.byUrl("Task?output=" + procedureId.getValue() + "&_include=Task:output")
				.returnBundle(Bundle.class).execute();

		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
				.containsExactlyInAnyOrder(taskId.getValue(), procedureId.getValue());
	}

	private String createOwner() {
		return client.create().resource(new Organization().setName(unique("CBO"))).execute()
				.getId().toUnqualifiedVersionless().getValue();
	}

	private String createPatient() {
		return client.create().resource(RestRoundTripTest.patient(unique("worklist"), "Worklist")).execute()
				.getId().toUnqualifiedVersionless().getValue();
	}

	private IdType createTask(String owner, Task.TaskStatus status) {
		return (IdType) client.create().resource(task(owner, status)).execute().getId().toUnqualifiedVersionless();
	}

	private Task task(String owner, Task.TaskStatus status) {
		String patient = createPatient();
		ServiceRequest request = Referrals.serviceRequest(patient);
		Task task = new Task().setStatus(status).setIntent(Task.TaskIntent.ORDER).setOwner(new Reference(owner));
		task.setFor(new Reference(patient));
		task.setFocus(new Reference(client.create().resource(request).execute().getId().toUnqualifiedVersionless()));
		task.setRequester(new Reference(owner));
		task.setAuthoredOnElement(DateTimeType.now());
		task.getCode().addCoding().setSystem("http://hl7.org/fhir/CodeSystem/task-code").setCode("fulfill");
		return task;
	}

	private static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}
}
