package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.directory.hsds.HsdsCsvPackage;
import org.sdoh.hub.directory.hsds.HsdsDataPackage;
import org.sdoh.hub.support.FhirServerTestBase;

/** Open Referral HSDS 3.x: import, export, re-import of the shipped sample; bad records reported with reasons. */
class HsdsInterchangeTest extends FhirServerTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String SAMPLE = "/ig/demo/hsds/datapackage.json";
	private static final String CSV_SAMPLE = "/ig/demo/hsds-csv/";
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
	void csvDataPackageImportExportImportIsStableAndLosesNoMappedField() {
		byte[] sample = csvSample();
		HsdsDataPackage original = HsdsCsvPackage.read(sample);
		List<String> organizations = original.table("organization").stream().map(o -> o.get("id").asText()).toList();
		String mealsOnWheels = idOf(original, "service", "Meals on wheels");

		Parameters first = importPackage(sample, HsdsCsvPackage.MEDIA_TYPE);
		String versionAfterFirst = client.read().resource(HealthcareService.class).withId(mealsOnWheels).execute().getMeta().getVersionId();
		byte[] exported = export(organizations, "csv");
		Parameters second = importPackage(exported, HsdsCsvPackage.MEDIA_TYPE);
		byte[] exportedAgain = export(organizations, "csv");

		assertThat(intValue(first, "received")).isEqualTo(37);
		assertThat(intValue(first, "stored")).isEqualTo(9);
		assertThat(intValue(first, "rejectedCount")).isZero();
		assertThat(intValue(second, "stored")).isEqualTo(9);
		assertThat(intValue(second, "rejectedCount")).isZero();
		assertThat(exportedAgain).isEqualTo(exported);
		HealthcareService stored = client.read().resource(HealthcareService.class).withId(mealsOnWheels).execute();
		assertThat(stored.getMeta().getVersionId()).as("an unchanged record makes no new version").isEqualTo(versionAfterFirst);
		assertThat(stored.getType()).extracting(t -> t.getCodingFirstRep().getSystem() + "|" + t.getCodingFirstRep().getCode())
				.containsExactly("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes|food-insecurity",
						"http://sdoh-referral-hub.org/fhir/hsds/taxonomy/northgate-local|home-delivered-meals");
		HsdsDataPackage roundTripped = HsdsCsvPackage.read(exported);
		for (String table : List.of("organization", "location", "service")) {
			for (ObjectNode row : original.table(table)) {
				ObjectNode exportedRow = roundTripped.table(table).stream().filter(r -> r.get("id").equals(row.get("id"))).findFirst().orElseThrow();
				row.properties().forEach(field -> assertThat(exportedRow.get(field.getKey())).as(table + "." + field.getKey()).isEqualTo(field.getValue()));
			}
		}
		for (String table : List.of("address", "phone", "language", "schedule", "service_at_location")) {
			assertThat(contents(roundTripped.table(table))).as(table).isEqualTo(contents(original.table(table)));
		}
	}

	@Test
	void csvRecordsThatCannotBeMappedAreReportedWithTheirReason() {
		String org = java.util.UUID.randomUUID().toString();
		String service = java.util.UUID.randomUUID().toString();
		byte[] zip = zip(Map.of(
				"datapackage.json", """
						{"resources": [{"name": "organizations", "path": "organizations.csv"}, {"name": "services", "path": "services.csv"},
						  {"name": "phones", "path": "phones.csv"}]}""",
				"organizations.csv", "id,name\n" + org + ",CSV CBO\n",
				"services.csv", "id,organization_id,name\n" + service + "," + org + ",Rides\nbad id," + org + ",Bad\n",
				"phones.csv", "id,service_id,number\np1," + service + ",\n"));

		Parameters result = importPackage(zip, HsdsCsvPackage.MEDIA_TYPE);

		assertThat(intValue(result, "received")).isEqualTo(4);
		assertThat(intValue(result, "stored")).isEqualTo(2);
		assertThat(result.getParameters("rejected")).extracting(p -> p.getPart().get(0).getValue().primitiveValue() + " "
				+ p.getPart().get(1).getValue().primitiveValue() + ": " + p.getPart().get(2).getValue().primitiveValue())
				.containsExactlyInAnyOrder(
						"service bad id: id must be 1-64 letters, digits, '-' or '.' (HSDS ids are UUIDs), got 'bad id'",
						"phone p1: number is required");
		assertThat(client.read().resource(HealthcareService.class).withId(service).execute().getName()).isEqualTo("Rides");
	}

	@Test
	void withPreferRespondAsyncTheImportRunsInTheBackgroundAndItsStatusIsPolled() throws InterruptedException {
		String org = java.util.UUID.randomUUID().toString();
		StringBuilder services = new StringBuilder();
		int count = 600; // three transactions of 250
		for (int i = 0; i < count; i++) {
			services.append(",{\"id\": \"").append(org).append("-s").append(i).append("\", \"organization_id\": \"").append(org)
					.append("\", \"name\": \"Background service ").append(i).append("\"}");
		}
		String json = "{\"resources\": [{\"name\": \"organization\", \"data\": [{\"id\": \"" + org + "\", \"name\": \"Async CBO\"}]},"
				+ " {\"name\": \"service\", \"data\": [{\"id\": \"" + org + "-bad\", \"organization_id\": \"" + org + "\"}"
				+ services + "]}]}";

		HttpResponse<String> accepted = send(request("$hsds-import").header("Content-Type", "application/fhir+json")
				.header("Prefer", "respond-async")
				.POST(BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(parameters(json.getBytes(StandardCharsets.UTF_8))))));

		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String statusUrl = accepted.headers().firstValue("Content-Location").orElseThrow();
		assertThat(statusUrl).startsWith(baseUrl() + "/$hsds-import-status?job=");
		assertThat(parseOutcome(accepted.body()).getIssueFirstRep().getDiagnostics()).contains("accepted (" + (count + 2) + " records)");
		HttpResponse<String> status;
		List<Integer> done = new java.util.ArrayList<>();
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
		while ((status = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(statusUrl)).GET())).statusCode() == 202) {
			Parameters progress = fhirContext.newJsonParser().parseResource(Parameters.class, status.body());
			assertThat(status.headers().firstValue("X-Progress")).isPresent();
			assertThat(intValue(progress, "received")).isEqualTo(count + 2);
			done.add(intValue(progress, "done"));
			assertThat(System.nanoTime()).as("import finished within 5 minutes").isLessThan(deadline);
			Thread.sleep(100);
		}
		assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
		Parameters summary = fhirContext.newJsonParser().parseResource(Parameters.class, status.body());
		assertThat(intValue(summary, "received")).isEqualTo(count + 2);
		assertThat(intValue(summary, "stored")).isEqualTo(count + 1);
		assertThat(summary.getParameters("rejected")).extracting(p -> p.getPart().get(1).getValue().primitiveValue() + ": "
				+ p.getPart().get(2).getValue().primitiveValue()).containsExactly(org + "-bad: name is required");
		assertThat(done).as("progress only goes forward").isSorted();
		assertThat(client.read().resource(HealthcareService.class).withId(org + "-s599").execute().getName()).isEqualTo("Background service 599");
	}

	@Test
	void anUnknownImportJobIs404() {
		HttpResponse<String> response = send(request("$hsds-import-status?job=no-such-job").GET());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("No HSDS import job no-such-job");
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
		return importPackage(dataPackage, "application/json");
	}

	private Parameters importPackage(byte[] dataPackage, String contentType) {
		return client.operation().onServer().named("$hsds-import").withParameters(parameters(dataPackage, contentType)).execute();
	}

	private static Parameters parameters(byte[] dataPackage) {
		return parameters(dataPackage, "application/json");
	}

	private static Parameters parameters(byte[] dataPackage, String contentType) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("datapackage").setValue(new Attachment().setContentType(contentType).setData(dataPackage));
		return parameters;
	}

	private byte[] export(List<String> organizations) {
		return export(organizations, "json");
	}

	private byte[] export(List<String> organizations, String format) {
		Parameters parameters = new Parameters();
		organizations.forEach(o -> parameters.addParameter("organization", new StringType(o)));
		parameters.addParameter("format", new StringType(format));
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

	/** The authored CSV sample (ig/demo/hsds-csv) zipped as a client would send it. */
	private static byte[] csvSample() {
		Map<String, String> files = new LinkedHashMap<>();
		String descriptor = resource(CSV_SAMPLE + "datapackage.json");
		files.put("datapackage.json", descriptor);
		try {
			for (JsonNode resource : JSON.readTree(descriptor).path("resources")) {
				files.put(resource.path("path").asText(), resource(CSV_SAMPLE + resource.path("path").asText()));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return zip(files);
	}

	private static String resource(String path) {
		try (InputStream in = HsdsInterchangeTest.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] zip(Map<String, String> files) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> file : files.entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return bytes.toByteArray();
	}

	private static String idOf(HsdsDataPackage data, String table, String name) {
		return data.table(table).stream().filter(r -> name.equals(r.path("name").asText())).findFirst().orElseThrow().get("id").asText();
	}

	private static Set<JsonNode> contents(List<ObjectNode> rows) {
		Set<JsonNode> contents = new HashSet<>();
		for (ObjectNode row : rows) {
			ObjectNode copy = row.deepCopy();
			UNMAPPED.forEach(copy::remove);
			contents.add(copy);
		}
		return contents;
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
