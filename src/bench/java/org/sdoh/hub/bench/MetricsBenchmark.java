package org.sdoh.hub.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.sdoh.hub.metrics.BenchReferralHistory;
import org.sdoh.hub.metrics.ReferralMeasure;
import org.sdoh.hub.support.Referrals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The {@code metrics} case: {@code n} referrals with histories, then times evaluating all referral
 * measures for one year, as the metrics page does, five rounds after a warm-up; then the same
 * measures' SQL alone over JDBC, and PostgreSQL's EXPLAIN ANALYZE of each.
 *
 * <p>The first {@code bench.metrics.api} (2,000) referrals go through the API (created requested;
 * 60% then accepted, 40% of all then completed with an output, 10% rejected: 2.1 versions each),
 * so the projection is fed as in production and its write cost shows in the seeding rows. The rest
 * are generated histories over the past year written into the projection table over JDBC
 * ({@link BenchReferralHistory}; {@code bench.db.url}, set by server/bench.sh): through the API
 * they would take about an hour on a shared two-core machine, and the evaluation reads only that
 * table.
 */
final class MetricsBenchmark {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String JSON = "application/fhir+json";
	private static final int PER_TRANSACTION = 50;
	private static final List<String> MEASURES = Stream.of(ReferralMeasure.values()).map(ReferralMeasure::id).toList();

	private final String base;
	private final String requester;
	private final List<String> owners;
	private final LoadRunner runner;
	private final BenchCallers callers;
	private final IParser parser = FHIR.newJsonParser();
	private final String run = Long.toHexString(System.nanoTime());

	MetricsBenchmark(String base, String requester, List<String> owners, LoadRunner runner, BenchCallers callers) {
		this.base = base;
		this.requester = requester;
		this.owners = owners;
		this.runner = runner;
		this.callers = callers;
	}

	void run(int referrals) throws Exception {
		int viaApi = Math.min(referrals, Integer.getInteger("bench.metrics.api", 2000));
		int transactions = viaApi / PER_TRANSACTION;
		long start = System.nanoTime();
		print(runner.run("metrics seed: 50 referrals created per transaction", 4, transactions, t -> write(t, n -> true, this::created)));
		print(runner.run("metrics seed: accepted (60%)", 4, transactions, t -> write(t, n -> n % 10 < 6, this::accepted)));
		print(runner.run("metrics seed: completed with output (40%)", 4, transactions, t -> write(t, n -> n % 10 < 4, this::completed)));
		print(runner.run("metrics seed: rejected (10%)", 4, transactions, t -> write(t, n -> n % 10 == 6, this::rejected)));
		System.out.printf("seeded %d referrals through the API with %d versions in %.1f s%n", transactions * PER_TRANSACTION,
				transactions * PER_TRANSACTION * 21 / 10, (System.nanoTime() - start) / 1e9);
		BenchReferralHistory generated = generatedHistory();
		int total = transactions * PER_TRANSACTION;
		if (referrals > total) {
			long t0 = System.nanoTime();
			List<String> requesters = new ArrayList<>(List.of(requester));
			for (int i = 1; i < 20; i++) {
				requesters.add("Organization/bench-clinic-" + i); // references only: their strata show no name
			}
			int versions = generated.insert(referrals - total, Instant.now(), owners, requesters, run);
			System.out.printf("generated %d referrals (%d versions replayed) into the projection in %.1f s%n", referrals - total,
					versions, (System.nanoTime() - t0) / 1e9);
			total = referrals;
		}

		HttpClient http = HttpClient.newHttpClient();
		LocalDate today = LocalDate.now();
		List<Double> totals = new ArrayList<>();
		Map<String, List<Double>> perMeasure = new LinkedHashMap<>();
		for (int round = 0; round < 6; round++) {
			long t0 = System.nanoTime();
			for (String measure : MEASURES) {
				long m0 = System.nanoTime();
				HttpRequest request = callers.asAdmin(HttpRequest.newBuilder(URI.create(base + "/Measure/" + measure
								+ "/$evaluate-measure?periodStart=" + today.minusDays(364) + "&periodEnd=" + today)))
						.header("Accept", JSON).GET().build();
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(measure + ": " + response.statusCode() + " " + response.body());
				}
				if (round > 0) {
					perMeasure.computeIfAbsent(measure, m -> new ArrayList<>()).add((System.nanoTime() - m0) / 1e6);
				}
			}
			if (round > 0) { // the first round warms up the JIT and the database caches
				totals.add((System.nanoTime() - t0) / 1e6);
			}
		}
		Collections.sort(totals);
		System.out.printf("all %d measures for one year over %d referrals: median %.0f ms, max %.0f ms (5 rounds)%n",
				MEASURES.size(), total, totals.get(2), totals.get(4));
		printMedians(perMeasure);
		sqlAlone(generated, today);
	}

	/** The measures' statements over JDBC (no HTTP, no FHIR), and PostgreSQL's own timing of each. */
	private static void sqlAlone(BenchReferralHistory generated, LocalDate today) {
		ZoneId zone = BenchReferralHistory.serverDefaultCalendar().zone();
		Instant from = today.minusDays(364).atStartOfDay(zone).toInstant();
		Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
		List<Double> totals = new ArrayList<>();
		Map<String, List<Double>> perMeasure = new LinkedHashMap<>();
		for (int round = 0; round < 6; round++) {
			double sum = 0;
			for (ReferralMeasure measure : ReferralMeasure.values()) {
				double ms = generated.timeSql(measure, from, to);
				sum += ms;
				if (round > 0) {
					perMeasure.computeIfAbsent(measure.id(), m -> new ArrayList<>()).add(ms);
				}
			}
			if (round > 0) {
				totals.add(sum);
			}
		}
		Collections.sort(totals);
		System.out.printf("SQL alone (JDBC), all %d measures: median %.0f ms, max %.0f ms (5 rounds)%n",
				ReferralMeasure.values().length, totals.get(2), totals.get(4));
		printMedians(perMeasure);
		for (ReferralMeasure measure : ReferralMeasure.values()) {
			System.out.printf("  EXPLAIN ANALYZE %s: %s%n", measure.id(), generated.explain(measure, from, to));
		}
	}

	/** Each measure's median of the timed rounds (on a shared machine the totals alone hide which one varied). */
	private static void printMedians(Map<String, List<Double>> perMeasure) {
		perMeasure.forEach((measure, times) -> {
			List<Double> sorted = times.stream().sorted().toList();
			System.out.printf("  %s: median %.0f ms%n", measure, sorted.get(sorted.size() / 2));
		});
	}

	private static BenchReferralHistory generatedHistory() {
		String url = System.getProperty("bench.db.url");
		if (url == null) {
			throw new IllegalStateException("the metrics case needs -Dbench.db.url (and bench.db.user, bench.db.password):"
					+ " the projection database; server/bench.sh sets them");
		}
		return new BenchReferralHistory(new JdbcTemplate(new DriverManagerDataSource(url, System.getProperty("bench.db.user", "sdoh"),
				System.getProperty("bench.db.password", "sdoh"))), BenchReferralHistory.serverDefaultCalendar());
	}

	private void print(LoadRunner.Result result) {
		System.out.println(result.row());
	}

	/** One transaction with the referrals number t*50 ... t*50+49 that {@code include} selects, as {@code version} makes them. */
	private HttpRequest write(int t, IntPredicate include, IntFunction<List<Resource>> version) {
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		for (int n = t * PER_TRANSACTION; n < (t + 1) * PER_TRANSACTION; n++) {
			if (include.test(n)) {
				for (Resource resource : version.apply(n)) {
					bundle.addEntry().setResource(resource).getRequest().setMethod(HTTPVerb.PUT)
							.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
				}
			}
		}
		return callers.asAdmin(HttpRequest.newBuilder(URI.create(base)))
				.header("Content-Type", JSON)
				.header("Prefer", "return=minimal")
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(bundle)))
				.build();
	}

	private String id(String prefix, int n) {
		return "bm-" + prefix + "-" + run + "-" + n;
	}

	private List<Resource> created(int n) {
		Patient patient = new Patient();
		patient.setId(id("p", n));
		patient.setManagingOrganization(new Reference(requester));
		ServiceRequest request = Referrals.serviceRequest("Patient/" + id("p", n)).setRequester(new Reference(requester));
		request.setId(id("sr", n));
		request.addCategory().addCoding().setSystem("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes")
				.setCode("food-insecurity"); // the domain of the food-pantry service code (domain codes are checked)
		return List.of(patient, request, task(n, TaskStatus.REQUESTED));
	}

	private List<Resource> accepted(int n) {
		return List.of(task(n, TaskStatus.ACCEPTED));
	}

	private List<Resource> completed(int n) {
		Task task = task(n, TaskStatus.COMPLETED);
		task.addOutput().setValue(new CodeableConcept(new Coding("http://snomed.info/sct", Referrals.FOOD_PANTRY_ASSISTANCE, null)))
				.getType().setText("resulting activity");
		return List.of(task);
	}

	private List<Resource> rejected(int n) {
		Task task = task(n, TaskStatus.REJECTED);
		task.setStatusReason(new CodeableConcept(new Coding("http://sdoh-referral-hub.org/fhir/CodeSystem/referral-status-reason",
				n % 20 == 6 ? "at-capacity" : "not-eligible", null)));
		return List.of(task);
	}

	private Task task(int n, TaskStatus status) {
		Task task = Referrals.referralTask("ServiceRequest/" + id("sr", n), "Patient/" + id("p", n), requester,
				owners.get(n % owners.size())).setStatus(status);
		task.setId(id("t", n));
		return task;
	}
}
