package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/** Anyone reports a wrong entry; the report lands in the maintaining organization's queue, which applies or dismisses it. */
class CorrectionReportTest extends FhirServerTestBase {

	@Test
	void aReportLandsInTheQueueOfTheOrganizationProvidingTheService() {
		String organization = organization();
		String service = service(organization);

		Task stored = report(correction("HealthcareService/" + service, "The phone number is disconnected"));

		assertThat(stored.getOwner().getReference()).isEqualTo(organization);
		assertThat(stored.hasAuthoredOn()).isTrue();
		Bundle queue = client.search().byUrl("Task?owner=" + organization + "&status=requested&code="
				+ DirectoryTaskRules.SYSTEM + "|" + DirectoryTaskRules.CORRECTION).returnBundle(Bundle.class).execute();
		assertThat(queue.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly(stored.getIdElement().getIdPart());
	}

	@Test
	void aReportWithoutSayingWhatIsWrongOrAboutNoEntryIsRefusedWith422() {
		String service = "HealthcareService/" + service(organization());

		assertRefused(correction(service, null), "Task.description");
		assertRefused(correction("HealthcareService/does-not-exist", "Closed"), "does not exist");
		assertRefused(correction("Patient/123", "Wrong"), "Task.focus");
	}

	@Test
	void dismissingNeedsAReasonAndIsRecordedInTheTaskHistory() {
		String organization = organization();
		Task report = report(correction("HealthcareService/" + service(organization), "Hours are wrong"));

		assertRefused(report.copy().setStatus(Task.TaskStatus.REJECTED), "Task.statusReason");
		client.update().resource(report.setStatus(Task.TaskStatus.REJECTED)
				.setStatusReason(new CodeableConcept().setText("Hours were checked and are correct"))).execute();

		Bundle history = client.history().onInstance(report.getIdElement().toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).extracting(e -> ((Task) e.getResource()).getStatus())
				.containsExactly(Task.TaskStatus.REJECTED, Task.TaskStatus.REQUESTED);
		assertRefused(report.setStatus(Task.TaskStatus.REQUESTED), "cannot change status");
	}

	@Test
	void applyingTheCorrectionMarksTheEntryVerified() {
		String organization = organization();
		String service = service(organization);
		Task report = report(correction("HealthcareService/" + service, "Now also open on Saturdays"));

		client.update().resource(report.setStatus(Task.TaskStatus.COMPLETED)).execute();

		HealthcareService entry = client.read().resource(HealthcareService.class).withId(service).execute();
		assertThat(Freshness.verifiedAt(entry).orElseThrow()).isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));
	}

	private Task correction(String focus, String description) {
		Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
				.setFocus(new Reference(focus)).setDescription(description);
		task.getCode().addCoding().setSystem(DirectoryTaskRules.SYSTEM).setCode(DirectoryTaskRules.CORRECTION);
		return task;
	}

	private Task report(Task task) {
		String id = client.create().resource(task).execute().getId().getIdPart();
		return client.read().resource(Task.class).withId(id).execute();
	}

	private void assertRefused(Task task, String message) {
		String body = fhirContext.newJsonParser().encodeResourceToString(task);
		HttpResponse<String> response = task.hasId()
				? send(request("Task/" + task.getIdElement().getIdPart()).header("Content-Type", "application/fhir+json").PUT(BodyPublishers.ofString(body)))
				: send(request("Task").header("Content-Type", "application/fhir+json").POST(BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = parseOutcome(response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(message);
	}

	private String organization() {
		return "Organization/" + client.create().resource(new Organization().setName(unique("Maintaining CBO"))).execute().getId().getIdPart();
	}

	private String service(String organization) {
		HealthcareService service = new HealthcareService().setActive(true).setName(unique("Reported service"));
		service.setProvidedBy(new Reference(organization));
		return client.create().resource(service).execute().getId().getIdPart();
	}
}
