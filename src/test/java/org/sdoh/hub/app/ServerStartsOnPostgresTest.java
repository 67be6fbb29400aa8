package org.sdoh.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

class ServerStartsOnPostgresTest extends FhirServerTestBase {

	@Test
	void metadataDeclaresTheGravityProfilesAndTheIgSearchParameters() {
		CapabilityStatement statement = client.capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
		assertThat(statement.getInstantiates()).extracting(CanonicalType::getValue)
				.contains("http://hl7.org/fhir/us/sdoh-clinicalcare/CapabilityStatement/SDOHCC-CoordinationPlatform");
		CapabilityStatementRestResourceComponent task = resource(statement, "Task");
		assertThat(task.getSupportedProfile()).extracting(CanonicalType::getValue).contains(
				"http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement");
		assertThat(task.getSearchParam()).extracting(p -> p.getName()).contains("output", "owner", "status", "focus");
		assertThat(resource(statement, "ServiceRequest").getSearchParam())
				.extracting(p -> p.getName())
				.contains("supporting-info");
	}

	@Test
	void swaggerUiAndOpenApiDocumentAreServed() {
		HttpResponse<String> docs = send(request("api-docs"));
		HttpResponse<String> ui = send(request("swagger-ui/"));

		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(docs.body()).contains("openapi: 3").contains("/Task");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger");
	}

	@Test
	void healthEndpointReportsUp() {
		HttpResponse<String> health =
				send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health")));

		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"");
	}

	private static CapabilityStatementRestResourceComponent resource(CapabilityStatement statement, String type) {
		List<CapabilityStatementRestResourceComponent> resources = statement.getRestFirstRep().getResource();
		return resources.stream().filter(r -> type.equals(r.getType())).findFirst().orElseThrow();
	}
}
