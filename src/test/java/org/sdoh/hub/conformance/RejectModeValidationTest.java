package org.sdoh.hub.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A second server (own database) in REJECT mode with the Gravity conformance files installed from a
 * local folder by HAPI's package installer: a Task claiming SDOHCC-TaskForReferralManagement without
 * its required focus is refused with 422 naming Task.focus, and nothing is stored.
 */
@TestPropertySource(properties = "sdoh.validation.mode=REJECT")
class RejectModeValidationTest extends FhirServerTestBase {

	private static final String TASK_PROFILE =
			"http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement";

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl("sdoh_reject_mode"));
		registry.add("sdoh.data-dir", () -> tempDir("sdoh-reject"));
	}

	@Test
	void resourceValidAgainstTheBaseSpecificationIsStored() {
		String marker = unique("valid");
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:test:marker").setValue(marker);
		patient.addName().setFamily("Conforming");

		HttpResponse<String> response = send(request("Patient")
				.header("Content-Type", "application/fhir+json")
				.POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(patient))));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	@Test
	void resourceBreakingTheBaseSpecificationIsRejectedWith422() {
		String body = "{\"resourceType\":\"Patient\",\"gender\":\"unknown-gender-code\"}";

		HttpResponse<String> response = send(request("Patient")
				.header("Content-Type", "application/fhir+json")
				.POST(BodyPublishers.ofString(body)));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(parseOutcome(response.body()).getIssue())
				.anySatisfy(issue -> assertThat(issue.getDiagnostics()).contains("unknown-gender-code"));
	}

	@Test
	void referralTaskWithoutFocusIsRejectedWith422NamingTaskFocus() {
		String marker = unique("no-focus");
		Task task = referralTask(marker);

		HttpResponse<String> response = send(request("Task")
				.header("Content-Type", "application/fhir+json")
				.POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(task))));

		assertThat(response.statusCode()).isEqualTo(422);
		OperationOutcome outcome = parseOutcome(response.body());
		assertThat(outcome.getIssue())
				.filteredOn(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR)
				.anySatisfy(issue -> assertThat(issue.getDiagnostics() + issue.getLocation()).contains("Task.focus"));
		Bundle stored = client.search().byUrl("Task?identifier=urn:test:marker|" + marker).returnBundle(Bundle.class).execute();
		assertThat(stored.getTotal()).isZero();
	}

	private Task referralTask(String marker) {
		Patient patient = new Patient();
		patient.addName().setFamily("Validation");
		String patientId = client.create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
		Organization owner = new Organization().setName("Reject Mode Food Bank");
		String ownerId = client.create().resource(owner).execute().getId().toUnqualifiedVersionless().getValue();
		Task task = new Task()
				.setStatus(Task.TaskStatus.REQUESTED)
				.setIntent(Task.TaskIntent.ORDER)
				.setFor(new Reference(patientId))
				.setRequester(new Reference(ownerId))
				.setOwner(new Reference(ownerId));
		task.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-20T10:00:00Z"));
		task.getMeta().addProfile(TASK_PROFILE);
		task.addIdentifier().setSystem("urn:test:marker").setValue(marker);
		task.getCode().addCoding().setSystem("http://hl7.org/fhir/CodeSystem/task-code").setCode("fulfill");
		return task;
	}
}
