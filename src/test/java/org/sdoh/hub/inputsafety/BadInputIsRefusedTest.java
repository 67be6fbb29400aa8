package org.sdoh.hub.inputsafety;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/**
 * Every kind of bad input gets a 4xx with an OperationOutcome saying what is wrong, and stores
 * nothing. Each request carries a unique identifier so "nothing stored" is checked exactly.
 */
class BadInputIsRefusedTest extends FhirServerTestBase {

	private static final String FHIR_JSON = "application/fhir+json";
	private static final String FHIR_XML = "application/fhir+xml";

	@Test
	void malformedJsonIsRefusedWith400() {
		String mrn = unique("bad-json");
		HttpResponse<String> response = post("Patient", FHIR_JSON, "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:mrn\",\"value\":\"" + mrn + "\"}");

		assertRefused(response, 400, "Failed to parse");
		assertNothingStored(mrn);
	}

	@Test
	void malformedXmlIsRefusedWith400() {
		String mrn = unique("bad-xml");
		HttpResponse<String> response = post("Patient", FHIR_XML,
				"<Patient xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"urn:test:mrn\"/><value value=\"" + mrn + "\"/></identifier>");

		assertRefused(response, 400, "Failed to parse");
		assertNothingStored(mrn);
	}

	@Test
	void xmlExternalEntityIsNeverResolved() {
		String mrn = unique("xxe");
		String body = "<?xml version=\"1.0\"?><!DOCTYPE Patient [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
				+ "<Patient xmlns=\"http://hl7.org/fhir\"><identifier><system value=\"urn:test:mrn\"/><value value=\"" + mrn
				+ "\"/></identifier><name><family value=\"&xxe;\"/></name></Patient>";

		HttpResponse<String> response = post("Patient", FHIR_XML, body);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("root:");
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.ERROR);
		assertNothingStored(mrn);
	}

	@Test
	void unknownResourceTypeIsRefusedWithAnOutcomeNamingIt() {
		HttpResponse<String> response = post("Referral", FHIR_JSON, "{\"resourceType\":\"Referral\"}");

		assertRefused(response, 404, "Unknown resource type 'Referral'");
	}

	@Test
	void resourceTypeInBodyThatDiffersFromUrlIsRefused() {
		String mrn = unique("type-mismatch");
		HttpResponse<String> response = post("Observation", FHIR_JSON, patientJson(mrn));

		assertRefused(response, 400, "Patient");
		assertNothingStored(mrn);
	}

	@Test
	void nonFhirContentTypeIsRefusedWith415() {
		String mrn = unique("text-plain");
		HttpResponse<String> response = post("Patient", "text/plain", patientJson(mrn));

		assertRefused(response, 415, "Content-Type 'text/plain' is not supported");
		assertNothingStored(mrn);
	}

	@Test
	void invalidIdInUrlIsRefusedWith400() {
		String mrn = unique("bad-id");
		HttpResponse<String> response = send(request("Patient/bad%20id%24x")
				.header("Content-Type", FHIR_JSON)
				.PUT(BodyPublishers.ofString(patientJson(mrn).replace("{\"resourceType\":\"Patient\",", "{\"resourceType\":\"Patient\",\"id\":\"bad id$x\","))));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).isNotBlank();
		assertNothingStored(mrn);
	}

	@Test
	void idLongerThanSixtyFourCharactersIsRefused() {
		String mrn = unique("long-id");
		String longId = "a".repeat(65);
		HttpResponse<String> response = send(request("Patient/" + longId)
				.header("Content-Type", FHIR_JSON)
				.PUT(BodyPublishers.ofString(patientJson(mrn).replace("{\"resourceType\":\"Patient\",", "{\"resourceType\":\"Patient\",\"id\":\"" + longId + "\","))));

		assertThat(response.statusCode()).isEqualTo(400);
		assertNothingStored(mrn);
	}

	@Test
	void bodyOverTheSizeLimitIsRefusedWith413BeforeParsing() {
		String mrn = unique("too-big");
		String padding = "x".repeat(10 * 1024 * 1024 + 1);
		String body = patientJson(mrn).replace("{\"resourceType\":\"Patient\",", "{\"resourceType\":\"Patient\",\"language\":\"" + padding + "\",");

		HttpResponse<String> response = post("Patient", FHIR_JSON, body);

		assertRefused(response, 413, "exceeds the limit of 10485760 bytes");
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
		assertNothingStored(mrn);
	}

	@Test
	void chunkedBodyOverTheSizeLimitIsRefusedWith413() {
		String mrn = unique("too-big-chunked");
		byte[] body = (patientJson(mrn).replace("{\"resourceType\":\"Patient\",", "{\"resourceType\":\"Patient\",\"language\":\"" + "y".repeat(11 * 1024 * 1024) + "\",")).getBytes();

		HttpResponse<String> response = send(request("Patient")
				.header("Content-Type", FHIR_JSON)
				.POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

		assertRefused(response, 413, "exceeds the limit");
		assertNothingStored(mrn);
	}

	@Test
	void unknownSearchParameterIsRefusedNotIgnored() {
		HttpResponse<String> response = send(request("Task?ownr=Organization/x"));

		assertRefused(response, 400, "Unknown search parameter \"ownr\"");
	}

	@Test
	void unknownSearchParameterIsIgnoredWhenTheClientAsksForLenientHandling() {
		HttpResponse<String> response = send(request("Task?ownr=Organization/x&_count=1").header("Prefer", "handling=lenient"));

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void invalidSearchValueIsRefusedWith400() {
		HttpResponse<String> response = send(request("Task?authored-on=gt2026-13-45"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("2026-13-45");
	}

	private HttpResponse<String> post(String path, String contentType, String body) {
		return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
	}

	private void assertRefused(HttpResponse<String> response, int status, String diagnosticsFragment) {
		assertThat(response.statusCode()).isEqualTo(status);
		OperationOutcome outcome = parseOutcome(response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(IssueSeverity.ERROR, IssueSeverity.FATAL);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(diagnosticsFragment);
	}

	private void assertNothingStored(String mrn) {
		Bundle found = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndCode("urn:test:mrn", mrn))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getTotal()).as("patients stored with identifier " + mrn).isZero();
	}

	private static String patientJson(String mrn) {
		return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:mrn\",\"value\":\"" + mrn + "\"}],\"name\":[{\"family\":\"Bad\"}]}";
	}
}
