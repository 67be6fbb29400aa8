package org.sdoh.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit trail as a FHIR endpoint: what the requests of a test left, found by the auditor's criteria. */
class AuditEventEndpointTest extends FhirServerTestBase {

	@Autowired
	private AuditEventStore store;

	private String patient;

	@BeforeEach
	void readOnePatientTwice() {
		patient = client.create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily(unique("Audited"))))
				.execute().getId().toUnqualifiedVersionless().getValue();
		client.read().resource(Patient.class).withUrl(patient).execute();
		client.read().resource(Patient.class).withUrl(patient).execute();
		awaitEventsOfPatient(3);
	}

	@Test
	void theTrailOfOnePatientHoldsItsCreationAndBothReadsNewestFirst() {
		Bundle trailOfPatient = search("AuditEvent?patient=" + patient);

		assertThat(trailOfPatient.getTotal()).isEqualTo(3);
		assertThat(subtypes(trailOfPatient)).containsExactly("read", "read", "create");
		AuditEvent newest = (AuditEvent) trailOfPatient.getEntryFirstRep().getResource();
		assertThat(newest.getEntity()).anyMatch(entity -> patient.equals(entity.getWhat().getReference()));
	}

	@Test
	void criteriaCombineAndPagesFollowWithOffset() {
		assertThat(search("AuditEvent?patient=" + patient + "&subtype=read").getTotal()).isEqualTo(2);
		assertThat(search("AuditEvent?entity=" + patient + "&subtype=create").getTotal()).isEqualTo(1);
		assertThat(search("AuditEvent?patient=" + patient + "&outcome=0").getTotal()).isEqualTo(3);
		assertThat(search("AuditEvent?patient=" + patient + "&date=gt" + Instant.now().plus(Duration.ofDays(1))).getTotal())
				.isZero();

		Bundle firstPage = search("AuditEvent?patient=" + patient + "&_count=2");
		assertThat(firstPage.getEntry()).hasSize(2);
		assertThat(firstPage.getLink("next").getUrl()).contains("_offset=2");
		Bundle secondPage = search("AuditEvent?patient=" + patient + "&_count=2&_offset=2");
		assertThat(subtypes(secondPage)).containsExactly("create");
	}

	@Test
	void anEventReadsBackByItsIdAndAnUnknownIdIs404() {
		AuditEvent listed = (AuditEvent) search("AuditEvent?patient=" + patient + "&_count=1").getEntryFirstRep().getResource();

		AuditEvent read = client.read().resource(AuditEvent.class).withId(listed.getIdElement().getIdPart()).execute();

		assertThat(read.getIdElement().getIdPart()).isEqualTo(listed.getIdElement().getIdPart());
		assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo(listed.getSubtypeFirstRep().getCode());
		assertThat(send(request("AuditEvent/no-such-event").GET()).statusCode()).isEqualTo(404);
	}

	@Test
	void anUntypedPatientReferenceIsRefusedWith400() {
		HttpResponse<String> response = send(request("AuditEvent?patient=" + patient.substring("Patient/".length())).GET());

		assertThat(response.statusCode()).isEqualTo(400);
		OperationOutcome outcome = parseOutcome(response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("typed reference");
	}

	@Test
	void aWriteIsRefusedWith403EvenWithoutAuthenticationAndNothingIsStored() {
		String forged = """
				{"resourceType":"AuditEvent","type":{"code":"rest"},"recorded":"2026-01-01T00:00:00Z",
				 "agent":[{"requestor":true}],"source":{"observer":{"display":"forger"}},
				 "entity":[{"what":{"reference":"%s"}}]}""".formatted(patient);

		HttpResponse<String> response = send(request("AuditEvent").header("Content-Type", "application/fhir+json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(forged)));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("written only by the server");
		assertThat(search("AuditEvent?patient=" + patient).getTotal()).isEqualTo(3);
		assertThat(search("AuditEvent?patient=" + patient + "&subtype=create").getTotal()).isEqualTo(1);
	}

	private Bundle search(String url) {
		HttpResponse<String> response = send(request(url).GET());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
	}

	private static List<String> subtypes(Bundle bundle) {
		return bundle.getEntry().stream().map(entry -> ((AuditEvent) entry.getResource()).getSubtypeFirstRep().getCode()).toList();
	}

	/**
	 * A request's events reach the trail after its response has been sent (HAPI calls the completion
	 * hook last), so the test waits for the stored count rather than for the queue.
	 */
	private void awaitEventsOfPatient(int expected) {
		AuditEventStore.Criteria ofPatient = new AuditEventStore.Criteria(null, Optional.empty(), Optional.of(patient),
				Optional.empty(), Optional.empty(), Optional.empty());
		Instant deadline = Instant.now().plusSeconds(10);
		while (store.count(ofPatient) < expected && Instant.now().isBefore(deadline)) {
			try {
				Thread.sleep(20);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}
}
