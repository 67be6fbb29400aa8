package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.directory.CapacityStatus;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;

/**
 * Who may change a directory service (HealthcareService): an organization only the services it
 * provides, and a person signed in for it (a {@code user/} scope, the inbox) only by reporting
 * capacity with {@code $set-capacity}. Every refusal is a 403 with an OperationOutcome and leaves the
 * stored service as it was.
 */
class ServiceWriteAccessTest extends SecuredServerTestBase {

	private static final String CAPACITY = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"status\",\"valueCode\":\"no-capacity\"}]}";

	private String cbo;
	private String ours;
	private String theirs;

	@BeforeEach
	void twoOrganizationsWithAServiceEach() {
		cbo = admin().create().resource(new Organization().setName(unique("Food bank"))).execute().getId().toUnqualifiedVersionless().getValue();
		String other = admin().create().resource(new Organization().setName(unique("Legal aid"))).execute().getId()
				.toUnqualifiedVersionless().getValue();
		ours = service(cbo);
		theirs = service(other);
	}

	private String service(String organization) {
		HealthcareService service = new HealthcareService().setActive(true).setName(unique("Service")).setProvidedBy(new Reference(organization));
		return admin().create().resource(service).execute().getId().getIdPart();
	}

	private String cboUser(String scope) {
		return TestTokens.token(new Claims("sdoh-web", unique("cbo.user"), cbo, cbo, List.of("cbo-staff"), scope));
	}

	private String cboSystem() {
		return TestTokens.token(new Claims("cbo-system", "service-account-cbo-system", cbo, null, List.of("cbo-system"),
				"system/HealthcareService.cruds"));
	}

	@Test
	void aCboUserReportsCapacityOfItsOwnServiceOnly() {
		String token = cboUser("user/*.rs user/HealthcareService.u");

		HttpResponse<String> own = setCapacity(ours, token);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(CapacityStatus.of(stored(ours))).hasValue(CapacityStatus.NO_CAPACITY);
		assertThat(stored(ours).getMeta().getVersionId()).isEqualTo("2");

		HttpResponse<String> foreign = setCapacity(theirs, token);
		assertRefused(foreign, "An organization changes only the HealthcareServices it provides");
		assertThat(stored(theirs).getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void aCboUserWithoutTheServiceUpdateScopeCannotReportCapacity() {
		HttpResponse<String> response = setCapacity(ours, cboUser("user/*.rs user/Task.rus"));
		assertRefused(response, "No scope of this token allows this request");
		assertThat(stored(ours).getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void aCboUserCannotEditItsServiceOtherThanByReportingCapacity() {
		HealthcareService renamed = stored(ours).setName("Renamed by a browser user");
		HttpResponse<String> response = put(renamed, cboUser("user/*.rs user/HealthcareService.u"));
		assertRefused(response, "No scope of this token allows this request");
		assertThat(stored(ours).getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void aCboSystemClientEditsItsOwnServicesButNeitherAnotherOrganizationsNorHandsOneAway() {
		assertThat(put(stored(ours).setName("Renamed by the CBO's system"), cboSystem()).statusCode()).isEqualTo(200);
		assertThat(stored(ours).getName()).isEqualTo("Renamed by the CBO's system");

		assertRefused(put(stored(theirs).setName("Taken over"), cboSystem()), "An organization changes only the HealthcareServices it provides");
		assertRefused(put(stored(ours).setProvidedBy(stored(theirs).getProvidedBy()), cboSystem()),
				"An organization changes only the HealthcareServices it provides");
		assertRefused(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/HealthcareService/" + theirs))
				.header("Authorization", "Bearer " + cboSystem()).DELETE()), "An organization changes only the HealthcareServices it provides");
		assertThat(stored(theirs).getMeta().getVersionId()).isEqualTo("1");
		assertThat(stored(ours).getMeta().getVersionId()).isEqualTo("2");
	}

	private HttpResponse<String> setCapacity(String service, String token) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/HealthcareService/" + service + "/$set-capacity"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(CAPACITY)));
	}

	private HttpResponse<String> put(HealthcareService service, String token) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/HealthcareService/" + service.getIdElement().getIdPart()))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(service))));
	}

	private HealthcareService stored(String id) {
		return admin().read().resource(HealthcareService.class).withId(id).execute();
	}

	private void assertRefused(HttpResponse<String> response, String diagnostics) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(diagnostics);
	}
}
