package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.sdoh.hub.support.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** A deployment set to refuse referrals to full services (own server and database). */
@TestPropertySource(properties = "sdoh.directory.capacity-policy=REFUSE")
class CapacityRefusalTest extends FhirServerTestBase {

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl("sdoh_capacity_refuse"));
		registry.add("sdoh.data-dir", () -> tempDir("sdoh-capacity-refuse"));
	}

	@Test
	void referralToAServiceWithoutCapacityIsRefusedWith422AndNotStored() {
		HealthcareService full = new HealthcareService().setActive(true).setName(unique("Full shelter"));
		new CapacityReport(CapacityStatus.NO_CAPACITY, "No beds tonight", null, null).applyTo(full);
		String service = "HealthcareService/" + client.create().resource(full).execute().getId().getIdPart();
		String patient = "Patient/" + client.create().resource(new Patient().setActive(true)).execute().getId().getIdPart();
		String requester = "Organization/" + client.create().resource(new Organization().setName(unique("Clinic"))).execute().getId().getIdPart();
		String focus = "ServiceRequest/" + client.create().resource(Referrals.serviceRequest(patient)).execute().getId().getIdPart();

		HttpResponse<String> response = send(request("Task").header("Content-Type", "application/fhir+json").POST(BodyPublishers.ofString(
				fhirContext.newJsonParser().encodeResourceToString(Referrals.referralTask(focus, patient, requester, service)))));

		assertThat(response.statusCode()).isEqualTo(422);
		OperationOutcome.OperationOutcomeIssueComponent issue = parseOutcome(response.body()).getIssueFirstRep();
		assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(issue.getExpression()).extracting(Object::toString).containsExactly("Task.owner");
		assertThat(client.search().forResource(Task.class).where(Task.OWNER.hasId(service)).returnBundle(Bundle.class).execute().getEntry())
				.isEmpty();
	}
}
