package org.sdoh.hub.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntFunction;
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
import org.sdoh.hub.support.Referrals;

/**
 * The {@code metrics} case: seeds {@code n} referrals with histories through the API (created
 * requested; 60% then accepted, 40% of all then completed with an output, 10% rejected), then
 * times evaluating all referral measures for one year, as the metrics page does, five times.
 */
final class MetricsBenchmark {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String JSON = "application/fhir+json";
	private static final int PER_TRANSACTION = 50;
	private static final List<String> MEASURES = List.of("referral-volume", "referral-response", "referral-reasons",
			"referral-closed-loop", "referral-response-times", "referral-unanswered");

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
		int transactions = referrals / PER_TRANSACTION;
		long start = System.nanoTime();
		print(runner.run("metrics seed: 50 referrals created per transaction", 4, transactions, t -> write(t, n -> true, this::created)));
		print(runner.run("metrics seed: accepted (60%)", 4, transactions, t -> write(t, n -> n % 10 < 6, this::accepted)));
		print(runner.run("metrics seed: completed with output (40%)", 4, transactions, t -> write(t, n -> n % 10 < 4, this::completed)));
		print(runner.run("metrics seed: rejected (10%)", 4, transactions, t -> write(t, n -> n % 10 == 6, this::rejected)));
		System.out.printf("seeded %d referrals with %d versions in %.1f s%n", transactions * PER_TRANSACTION,
				transactions * PER_TRANSACTION * 21 / 10, (System.nanoTime() - start) / 1e9);

		HttpClient http = HttpClient.newHttpClient();
		LocalDate today = LocalDate.now();
		List<Double> totals = new ArrayList<>();
		for (int round = 0; round < 6; round++) {
			long t0 = System.nanoTime();
			for (String measure : MEASURES) {
				HttpRequest request = callers.asAdmin(HttpRequest.newBuilder(URI.create(base + "/Measure/" + measure
								+ "/$evaluate-measure?periodStart=" + today.minusDays(364) + "&periodEnd=" + today)))
						.header("Accept", JSON).GET().build();
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException(measure + ": " + response.statusCode() + " " + response.body());
				}
			}
			if (round > 0) { // the first round warms up the JIT and the database caches
				totals.add((System.nanoTime() - t0) / 1e6);
			}
		}
		Collections.sort(totals);
		System.out.printf("all %d measures for one year over %d referrals: median %.0f ms, max %.0f ms (5 rounds)%n",
				MEASURES.size(), transactions * PER_TRANSACTION, totals.get(2), totals.get(4));
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
