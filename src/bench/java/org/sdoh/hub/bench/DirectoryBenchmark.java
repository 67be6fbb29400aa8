package org.sdoh.hub.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.sdoh.hub.directory.CapacityReport;
import org.sdoh.hub.directory.CapacityStatus;

/**
 * The directory cases: {@code find} seeds {@code bench.services} (default 50,000) HealthcareServices,
 * each with its own Location spread over a 40 × 40 km metro area, then asks $find within 10 km +
 * domain + language + accepting referrals at random points; {@code hsds} imports generated HSDS
 * data packages and reports records/s.
 */
final class DirectoryBenchmark {

	private static final String JSON = "application/fhir+json";
	private static final String DOMAINS = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	private static final String[] DOMAIN_CODES = {"food-insecurity", "housing-instability", "transportation-insecurity",
		"financial-insecurity", "inadequate-housing"};
	private static final String[] LANGUAGES = {"es", "pt", "vi", "zh", "ht"};
	/** Springfield, MA; the metro area is ±20 km around it. */
	private static final double CENTRE_LAT = 42.1015;
	private static final double CENTRE_LON = -72.5898;
	private static final double HALF_SIDE_KM = 20;
	private static final int SERVICES_PER_TRANSACTION = 100;
	private static final int HSDS_SERVICES_PER_PACKAGE = 1000;

	private final String base;
	private final LoadRunner runner;
	private final IParser parser = FhirContext.forR4Cached().newJsonParser();

	DirectoryBenchmark(String base, LoadRunner runner) {
		this.base = base;
		this.runner = runner;
	}

	void run(Set<String> cases) throws Exception {
		if (cases.contains("find")) {
			int services = Integer.getInteger("bench.services", 50_000);
			// -Dbench.seed=false reruns the queries on a database seeded by an earlier run (seeding 50,000 takes minutes)
			if (Boolean.parseBoolean(System.getProperty("bench.seed", "true"))) {
				long start = System.nanoTime();
				print(runner.run("seed: 100 services + 100 locations per transaction", 4,
						services / SERVICES_PER_TRANSACTION, this::seedTransaction));
				System.out.printf(Locale.ROOT, "seeded %d HealthcareServices with Locations in %.1f s%n",
						services / SERVICES_PER_TRANSACTION * SERVICES_PER_TRANSACTION, (System.nanoTime() - start) / 1e9);
			}
			String name = "$find 10 km + domain + language + accepting (" + services / 1000 + "k)";
			runner.inPasses(pass -> {
				print(runner.run(name + pass, 1, 300, i -> find(new Random(i))));
				print(runner.run(name + pass, 8, 1000, i -> find(new Random(100_000 + i))));
			});
		}
		if (cases.contains("hsds")) {
			int packages = 4;
			LoadRunner.Result result = runner.run("$hsds-import (1,000 services = 5,050 records each)", 1, packages,
					i -> hsdsImport(new Random(i)));
			print(result);
			System.out.printf(Locale.ROOT, "HSDS import: %.0f records/s%n", result.perSecond() * (HSDS_SERVICES_PER_PACKAGE * 5 + 50));
		}
	}

	private void print(LoadRunner.Result result) {
		System.out.println(result.row());
	}

	private HttpRequest find(Random random) {
		double[] point = randomPoint(random);
		String url = String.format(Locale.ROOT, "%s/HealthcareService/$find?latitude=%.5f&longitude=%.5f&distance=10"
				+ "&category=food-insecurity&language=es&accepting-referrals=true&_count=20", base, point[0], point[1]);
		return HttpRequest.newBuilder(URI.create(url)).header("Accept", JSON).GET().build();
	}

	private HttpRequest seedTransaction(int index) {
		Random random = new Random(index);
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		String organization = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry().setFullUrl(organization).setResource(new Organization().setName("Bench CBO " + index))
				.getRequest().setMethod(HTTPVerb.POST).setUrl("Organization");
		for (int s = 0; s < SERVICES_PER_TRANSACTION; s++) {
			String location = "urn:uuid:" + UUID.randomUUID();
			double[] point = randomPoint(random);
			Location site = new Location().setName("Bench site " + index + "-" + s).setManagingOrganization(new Reference(organization));
			site.getPosition().setLatitude(point[0]).setLongitude(point[1]);
			bundle.addEntry().setFullUrl(location).setResource(site).getRequest().setMethod(HTTPVerb.POST).setUrl("Location");
			HealthcareService service = new HealthcareService().setActive(true).setName("Bench service " + index + "-" + s)
					.setProvidedBy(new Reference(organization));
			service.addLocation(new Reference(location));
			String domain = DOMAIN_CODES[random.nextInt(DOMAIN_CODES.length)];
			service.addCategory(new CodeableConcept(new Coding(DOMAINS, domain, null)));
			service.addCommunication(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
			if (random.nextInt(10) < 4) {
				service.addCommunication(new CodeableConcept(new Coding("urn:ietf:bcp:47", LANGUAGES[random.nextInt(LANGUAGES.length)], null)));
			}
			int capacity = random.nextInt(20);
			new CapacityReport(capacity < 14 ? CapacityStatus.CAPACITY : capacity < 17 ? CapacityStatus.NO_CAPACITY : CapacityStatus.WAITLIST,
					null, null, null).applyTo(service);
			bundle.addEntry().setResource(service).getRequest().setMethod(HTTPVerb.POST).setUrl("HealthcareService");
		}
		return HttpRequest.newBuilder(URI.create(base)).header("Content-Type", JSON).header("Prefer", "return=minimal")
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(bundle))).build();
	}

	/** A generated HSDS package: 50 organizations, per service one location, service_at_location, address and language row. */
	private HttpRequest hsdsImport(Random random) {
		StringBuilder organizations = new StringBuilder();
		StringBuilder services = new StringBuilder();
		StringBuilder locations = new StringBuilder();
		StringBuilder links = new StringBuilder();
		StringBuilder addresses = new StringBuilder();
		StringBuilder languages = new StringBuilder();
		String[] orgIds = new String[50];
		for (int o = 0; o < orgIds.length; o++) {
			orgIds[o] = UUID.randomUUID().toString();
			organizations.append(o == 0 ? "" : ",").append(String.format("{\"id\":\"%s\",\"name\":\"HSDS bench org %d\"}", orgIds[o], o));
		}
		for (int s = 0; s < HSDS_SERVICES_PER_PACKAGE; s++) {
			String sep = s == 0 ? "" : ",";
			String service = UUID.randomUUID().toString();
			String location = UUID.randomUUID().toString();
			String org = orgIds[s % orgIds.length];
			double[] point = randomPoint(random);
			services.append(sep).append(String.format(Locale.ROOT, "{\"id\":\"%s\",\"organization_id\":\"%s\",\"name\":\"HSDS bench service %d\","
					+ "\"description\":\"Generated\",\"status\":\"active\",\"assured_date\":\"2026-10-01\"}", service, org, s));
			locations.append(sep).append(String.format(Locale.ROOT, "{\"id\":\"%s\",\"organization_id\":\"%s\",\"name\":\"Site %d\","
					+ "\"latitude\":%.5f,\"longitude\":%.5f}", location, org, s, point[0], point[1]));
			links.append(sep).append(String.format("{\"id\":\"%s\",\"service_id\":\"%s\",\"location_id\":\"%s\"}", UUID.randomUUID(), service, location));
			addresses.append(sep).append(String.format("{\"id\":\"%s\",\"location_id\":\"%s\",\"address_1\":\"%d Main Street\","
					+ "\"city\":\"Springfield\",\"state_province\":\"MA\",\"postal_code\":\"01103\",\"country\":\"US\"}", UUID.randomUUID(), location, s));
			languages.append(sep).append(String.format("{\"id\":\"%s\",\"service_id\":\"%s\",\"code\":\"es\",\"name\":\"Spanish\"}", UUID.randomUUID(), service));
		}
		String dataPackage = "{\"resources\":[" + table("organization", organizations) + "," + table("location", locations) + ","
				+ table("service", services) + "," + table("service_at_location", links) + "," + table("address", addresses) + ","
				+ table("language", languages) + "]}";
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("datapackage")
				.setValue(new Attachment().setContentType("application/json").setData(dataPackage.getBytes(StandardCharsets.UTF_8)));
		return HttpRequest.newBuilder(URI.create(base + "/$hsds-import")).header("Content-Type", JSON)
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(parameters))).build();
	}

	private static String table(String name, StringBuilder rows) {
		return "{\"name\":\"" + name + "\",\"data\":[" + rows + "]}";
	}

	private static double[] randomPoint(Random random) {
		double kmPerDegree = Math.PI * 6371.0088 / 180;
		double north = (random.nextDouble() * 2 - 1) * HALF_SIDE_KM;
		double east = (random.nextDouble() * 2 - 1) * HALF_SIDE_KM;
		return new double[] {CENTRE_LAT + north / kmPerDegree, CENTRE_LON + east / (kmPerDegree * Math.cos(Math.toRadians(CENTRE_LAT)))};
	}
}
