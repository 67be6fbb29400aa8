package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;

/** A CBO reports capacity with one request; referrals to a full service are stored with a warning (default policy). */
class CapacityTest extends FhirServerTestBase {

	@Test
	void setCapacityStoresStatusNotesAndCountsAsANewVersion() {
		String service = createService(CapacityStatus.CAPACITY);

		HealthcareService updated = setCapacity(service, new Parameters()
				.addParameter("status", new CodeType("waitlist"))
				.addParameter("notes", new StringType("About three weeks"))
				.addParameter("openSlots", new IntegerType(0))
				.addParameter("waitlistLength", new IntegerType(12)));

		assertThat(CapacityStatus.of(updated)).contains(CapacityStatus.WAITLIST);
		assertThat(updated.getExtensionByUrl(CapacityStatus.EXTENSION).getExtensionByUrl(CapacityStatus.NOTES_PART).getValue().primitiveValue())
				.isEqualTo("About three weeks");
		Extension counts = updated.getExtensionByUrl(CapacityReport.COUNTS_EXTENSION);
		assertThat(counts.getExtensionByUrl("openSlots").getValue().primitiveValue()).isEqualTo("0");
		assertThat(counts.getExtensionByUrl("waitlistLength").getValue().primitiveValue()).isEqualTo("12");
		Bundle history = client.history().onInstance("HealthcareService/" + service).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);
		assertThat(history.getEntry()).extracting(e -> CapacityStatus.of((HealthcareService) e.getResource()).orElseThrow())
				.containsExactly(CapacityStatus.WAITLIST, CapacityStatus.CAPACITY);
	}

	@Test
	void aNewReportReplacesTheCountsOfThePreviousOne() {
		String service = createService(CapacityStatus.WAITLIST);
		setCapacity(service, new Parameters().addParameter("status", new CodeType("waitlist")).addParameter("waitlistLength", new IntegerType(4)));

		HealthcareService updated = setCapacity(service, new Parameters().addParameter("status", new CodeType("capacity")));

		assertThat(CapacityStatus.of(updated)).contains(CapacityStatus.CAPACITY);
		assertThat(updated.getExtensionByUrl(CapacityReport.COUNTS_EXTENSION)).isNull();
		assertThat(updated.getExtensionsByUrl(CapacityStatus.EXTENSION)).hasSize(1);
	}

	@Test
	void anUnknownStatusOrANegativeCountIsRefusedWith400AndNothingChanges() {
		String service = createService(CapacityStatus.CAPACITY);

		HttpResponse<String> unknown = postParameters("HealthcareService/" + service + "/$set-capacity",
				new Parameters().addParameter("status", new CodeType("full")));
		HttpResponse<String> negative = postParameters("HealthcareService/" + service + "/$set-capacity",
				new Parameters().addParameter("status", new CodeType("capacity")).addParameter("openSlots", new IntegerType(-1)));

		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(parseOutcome(unknown.body()).getIssueFirstRep().getDiagnostics())
				.contains("status must be one of capacity, no-capacity, waitlist, additional-assessment-required");
		assertThat(negative.statusCode()).isEqualTo(400);
		assertThat(parseOutcome(negative.body()).getIssueFirstRep().getDiagnostics()).contains("openSlots must not be negative");
		assertThat(client.read().resource(HealthcareService.class).withId(service).execute().getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void referralToAServiceWithoutCapacityIsStoredWithAWarningOutcome() {
		HttpResponse<String> response = createReferralFor("HealthcareService/" + createService(CapacityStatus.NO_CAPACITY));

		assertThat(response.statusCode()).isEqualTo(201);
		OperationOutcome warning = parseOutcome(response.headers().firstValue(CapacityCheckInterceptor.WARNING_HEADER).orElseThrow());
		assertThat(warning.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.WARNING);
		assertThat(warning.getIssueFirstRep().getDiagnostics()).contains("reports no capacity");
	}

	@Test
	void referralToAnOrganizationWhoseServicesAreAllFullCarriesTheWarning() {
		String organization = "Organization/" + client.create().resource(new Organization().setName(unique("Full CBO"))).execute().getId().getIdPart();
		createService(CapacityStatus.NO_CAPACITY, organization);

		HttpResponse<String> response = createReferralFor(organization);

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue(CapacityCheckInterceptor.WARNING_HEADER)).isPresent();
	}

	@Test
	void anOrganizationsRememberedAnswerIsForgottenWhenOneOfItsServicesReportsRoom() {
		String organization = "Organization/" + client.create().resource(new Organization().setName(unique("Full CBO"))).execute().getId().getIdPart();
		String service = createService(CapacityStatus.NO_CAPACITY, organization);
		assertThat(createReferralFor(organization).headers().firstValue(CapacityCheckInterceptor.WARNING_HEADER)).isPresent();

		setCapacity(service, new Parameters().addParameter("status", new CodeType("capacity")));

		HttpResponse<String> response = createReferralFor(organization);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue(CapacityCheckInterceptor.WARNING_HEADER)).isEmpty();
	}

	@Test
	void referralToAServiceWithCapacityHasNoWarning() {
		HttpResponse<String> response = createReferralFor("HealthcareService/" + createService(CapacityStatus.CAPACITY));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue(CapacityCheckInterceptor.WARNING_HEADER)).isEmpty();
	}

	private String createService(CapacityStatus status) {
		String organization = "Organization/" + client.create().resource(new Organization().setName(unique("CBO"))).execute().getId().getIdPart();
		return createService(status, organization);
	}

	private String createService(CapacityStatus status, String organization) {
		HealthcareService service = new HealthcareService().setActive(true).setName(unique("Service"));
		service.getProvidedBy().setReference(organization);
		new CapacityReport(status, null, null, null).applyTo(service);
		return client.create().resource(service).execute().getId().getIdPart();
	}

	private HealthcareService setCapacity(String service, Parameters parameters) {
		return client.operation().onInstance("HealthcareService/" + service).named("$set-capacity")
				.withParameters(parameters).returnResourceType(HealthcareService.class).execute();
	}

	private HttpResponse<String> postParameters(String url, Parameters parameters) {
		return send(request(url).header("Content-Type", "application/fhir+json")
				.POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(parameters))));
	}

	private HttpResponse<String> createReferralFor(String owner) {
		String patient = "Patient/" + client.create().resource(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Capacity")))
				.execute().getId().getIdPart();
		String requester = "Organization/" + client.create().resource(new Organization().setName(unique("Clinic"))).execute().getId().getIdPart();
		String focus = "ServiceRequest/" + client.create().resource(Referrals.serviceRequest(patient)).execute().getId().getIdPart();
		return send(request("Task").header("Content-Type", "application/fhir+json").POST(BodyPublishers.ofString(
				fhirContext.newJsonParser().encodeResourceToString(Referrals.referralTask(focus, patient, requester, owner)))));
	}
}
