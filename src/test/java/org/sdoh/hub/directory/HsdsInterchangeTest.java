package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/** Open Referral HSDS 3.x: import, export, re-import of the shipped sample; bad records reported with reasons. */
class HsdsInterchangeTest extends FhirServerTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String SAMPLE = "/ig/demo/hsds/datapackage.json";
	/** HSDS columns the mapping does not carry (README: unmapped fields). */
	private static final Set<String> UNMAPPED = Set.of("id", "type");

	@Test
	void importExportImportIsStableAndLosesNoMappedField() throws IOException {
		byte[] sample = sample();
		JsonNode original = JSON.readTree(sample);

		Parameters first = importPackage(sample);
		byte[] exported = export(organizationIds(original));
		Parameters second = importPackage(exported);
		byte[] exportedAgain = export(organizationIds(original));

		assertThat(intValue(first, "stored")).isEqualTo(18);
		assertThat(intValue(first, "rejectedCount")).isZero();
		assertThat(intValue(second, "stored")).isEqualTo(18);
		assertThat(intValue(second, "rejectedCount")).isZero();
		assertThat(new String(exportedAgain, StandardCharsets.UTF_8)).isEqualTo(new String(exported, StandardCharsets.UTF_8));
		JsonNode roundTripped = JSON.readTree(exported);
		for (String table : List.of("organization", "location", "service")) {
			assertThat(rows(roundTripped, table)).as(table).containsAll(rows(original, table));
		}
		for (String table : List.of("address", "phone", "language", "schedule", "service_at_location")) {
			assertThat(contents(roundTripped, table)).as(table).isEqualTo(contents(original, table));
		}
	}

	@Test
	void reimportingUpdatesTheSameResourcesAndCreatesNoDuplicates() throws IOException {
		byte[] sample = sample();
		importPackage(sample);
		String service = sampleServiceId(sample);
		String versionBefore = client.read().resource(HealthcareService.class).withId(service).execute().getMeta().getVersionId();

		importPackage(sample);

		Bundle byIdentifier = client.search().byUrl("HealthcareService?identifier=http://sdoh-referral-hub.org/fhir/hsds/service|" + service)
				.returnBundle(Bundle.class).execute();
		assertThat(byIdentifier.getEntry()).hasSize(1);
		HealthcareService stored = (HealthcareService) byIdentifier.getEntryFirstRep().getResource();
		assertThat(stored.getMeta().getVersionId()).isEqualTo(versionBefore);
		assertThat(stored.getCommunication()).extracting(c -> c.getCodingFirstRep().getCode()).containsExactly("en", "es");
		assertThat(stored.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("food-insecurity");
		assertThat(Freshness.verifiedAt(stored)).isPresent();
	}

	@Test
	void badRecordsAreLeftOutWithTheirReasonAndTheGoodOnesStored() {
		String org = java.util.UUID.randomUUID().toString();
		String good = java.util.UUID.randomUUID().toString();
		String json = """
				{"resources": [
				 {"name": "organization", "data": [{"id": "%1$s", "name": "Good CBO"}]},
				 {"name": "location", "data": [{"id": "%3$s", "name": "Nowhere", "latitude": 200, "longitude": 0}]},
				 {"name": "service", "data": [
				   {"id": "%2$s", "organization_id": "%1$s", "name": "Good service"},
				   {"id": "no name here", "organization_id": "%1$s", "name": "Bad id"},
				   {"id": "%4$s", "organization_id": "%1$s"},
				   {"id": "%5$s", "organization_id": "unknown-org", "name": "Orphan"}]},
				 {"name": "schedule", "data": [{"id": "s1", "service_id": "%2$s", "freq": "MONTHLY"}]}
				]}""".formatted(org, good, java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), java.util.UUID.randomUUID());

		Parameters result = importPackage(json.getBytes(StandardCharsets.UTF_8));

		assertThat(intValue(result, "stored")).isEqualTo(2);
		assertThat(result.getParameters("rejected")).extracting(p -> p.getPart().get(0).getValue().primitiveValue() + ": "
				+ p.getPart().get(2).getValue().primitiveValue())
				.containsExactlyInAnyOrder(
						"location: latitude/longitude must both be decimal degrees within range, got 200, 0",
						"service: id must be 1-64 letters, digits, '-' or '.' (HSDS ids are UUIDs), got 'no name here'",
						"service: name is required",
						"service: organization_id unknown-org is neither in the package nor stored",
						"schedule: only weekly schedules are mapped, got freq MONTHLY");
		assertThat(client.read().resource(HealthcareService.class).withId(good).execute().getName()).isEqualTo("Good service");
	}

	@Test
	void aPackageThatIsNotJsonOrHasNoResourcesIsRefusedWith400() {
		assertRefused("not json at all".getBytes(StandardCharsets.UTF_8), "not valid JSON");
		assertRefused("{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8), "'resources' array");
		assertRefused("{\"resources\": [{\"name\": \"service\"}]}".getBytes(StandardCharsets.UTF_8), "inline 'data'");
	}

	private void assertRefused(byte[] body, String message) {
		HttpResponse<String> response = send(request("$hsds-import").header("Content-Type", "application/fhir+json")
				.POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(parameters(body)))));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains(message);
	}

	private Parameters importPackage(byte[] dataPackage) {
		return client.operation().onServer().named("$hsds-import").withParameters(parameters(dataPackage)).execute();
	}

	private static Parameters parameters(byte[] dataPackage) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("datapackage").setValue(new Attachment().setContentType("application/json").setData(dataPackage));
		return parameters;
	}

	private byte[] export(List<String> organizations) {
		Parameters parameters = new Parameters();
		organizations.forEach(o -> parameters.addParameter("organization", new StringType(o)));
		Binary binary = client.operation().onServer().named("$hsds-export").withParameters(parameters).useHttpGet()
				.returnResourceType(Binary.class).execute();
		return binary.getData();
	}

	private static byte[] sample() {
		try (InputStream in = HsdsInterchangeTest.class.getResourceAsStream(SAMPLE)) {
			return in.readAllBytes();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String sampleServiceId(byte[] sample) throws IOException {
		return StreamSupport.stream(table(JSON.readTree(sample), "service").spliterator(), false)
				.filter(s -> "Weekly grocery pick-up".equals(s.path("name").asText())).findFirst().orElseThrow().path("id").asText();
	}

	private static List<String> organizationIds(JsonNode dataPackage) {
		return StreamSupport.stream(table(dataPackage, "organization").spliterator(), false).map(o -> o.path("id").asText()).toList();
	}

	private static JsonNode table(JsonNode dataPackage, String name) {
		for (JsonNode resource : dataPackage.path("resources")) {
			if (name.equals(resource.path("name").asText())) {
				return resource.path("data");
			}
		}
		return JSON.createArrayNode();
	}

	private static Set<JsonNode> rows(JsonNode dataPackage, String name) {
		return StreamSupport.stream(table(dataPackage, name).spliterator(), false).collect(Collectors.toSet());
	}

	/** Rows without the columns the mapping does not carry (child rows get new ids on export). */
	private static Set<JsonNode> contents(JsonNode dataPackage, String name) {
		Set<JsonNode> contents = new HashSet<>();
		for (JsonNode row : table(dataPackage, name)) {
			ObjectNode copy = row.deepCopy();
			UNMAPPED.forEach(copy::remove);
			contents.add(copy);
		}
		return contents;
	}

	private static int intValue(Parameters parameters, String name) {
		return Integer.parseInt(parameters.getParameter(name).getValue().primitiveValue());
	}
}
