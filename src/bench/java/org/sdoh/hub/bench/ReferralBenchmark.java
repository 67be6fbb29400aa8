package org.sdoh.hub.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.support.JwksEndpoint;
import org.sdoh.hub.support.Referrals;

/**
 * Drives a running server over HTTP and prints one table row per case: requests/s, p50 and p99
 * latency, errors; the measured cases run twice on the same server ({@code -Dbench.passes}). Usage:
 * {@code ReferralBenchmark <fhir base url> [tasks-to-seed] [cases]} where cases is a comma list of patient,
 * txn, poll, igpoll, content, notify, validatecode, extract, find, hsds, metrics (default
 * patient,txn,poll,content). See README
 * "Benchmark" for the script that starts PostgreSQL and the server around it.
 */
public final class ReferralBenchmark {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String JSON = "application/fhir+json";
	private static final int OWNERS = 50;

	private final String base;
	private final IParser parser = FHIR.newJsonParser();
	private final LoadRunner runner = new LoadRunner();
	private final BenchCallers callers = new BenchCallers();
	private final List<String> owners = new ArrayList<>();
	private final String requester;
	private final String word = "benchword" + Long.toHexString(System.nanoTime());

	private ReferralBenchmark(String base) throws Exception {
		this.base = base;
		this.requester = create(new Organization().setName("Benchmark Clinic"));
		for (int i = 0; i < OWNERS; i++) {
			owners.add(create(new Organization().setName("Benchmark CBO " + i)));
		}
	}

	public static void main(String[] args) throws Exception {
		try {
			run(args);
		} finally {
			JwksEndpoint.stopAll(); // the token issuer's HTTP threads would keep the driver's JVM alive
		}
	}

	private static void run(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080/fhir";
		int tasksToSeed = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
		java.util.Set<String> cases = java.util.Set.of((args.length > 2 ? args[2] : "patient,txn,poll,content").split(","));
		ReferralBenchmark bench = new ReferralBenchmark(base);
		System.out.println(LoadRunner.HEADER);
		bench.print(bench.runner.run("warm-up: referral transaction", 4, 300, i -> bench.referralTxn(1)));
		if (cases.contains("patient")) {
			bench.runner.inPasses(pass -> {
				bench.print(bench.runner.run("POST Patient" + pass, 1, 1000, i -> bench.post("Patient", bench.patient(), "return=minimal")));
				bench.print(bench.runner.run("POST Patient" + pass, 8, 2000, i -> bench.post("Patient", bench.patient(), "return=minimal")));
			});
		}
		if (cases.contains("txn")) {
			String txn = "referral transaction (Patient+ServiceRequest+Task)";
			bench.runner.inPasses(pass -> {
				bench.print(bench.runner.run(txn + pass, 1, 500, i -> bench.referralTxn(1)));
				bench.print(bench.runner.run(txn + pass, 8, 1000, i -> bench.referralTxn(1)));
			});
		}
		if (cases.contains("notify")) {
			bench.notificationLatency(Math.max(100, Math.min(tasksToSeed, 1000)) / 100 * 100);
		}
		// Screening cases call as the operator: the bench EHR token carries only the referral scopes.
		if (cases.contains("validatecode")) {
			ScreeningBench.validateCode(bench.runner, bench.base, bench.callers::asAdmin).forEach(bench::print);
		}
		if (cases.contains("extract")) {
			ScreeningBench.extract(bench.runner, bench.base, bench.callers::asAdmin, bench.create(bench.patient())).forEach(bench::print);
		}
		new DirectoryBenchmark(base, bench.runner).run(cases); // find, hsds
		if (cases.contains("metrics")) {
			new MetricsBenchmark(base, bench.requester, bench.owners, bench.runner, bench.callers).run(tasksToSeed);
		}
		if (!cases.contains("poll") && !cases.contains("content") && !cases.contains("igpoll")) {
			return;
		}
		long seedStart = System.nanoTime();
		int bundles = tasksToSeed / 50;
		LoadRunner.Result seed = bench.runner.run("seed: 50 referrals per transaction (150 resources)", 4, bundles, i -> bench.referralTxn(50));
		bench.print(seed);
		System.out.printf("seeded %d Tasks in %.1f s%n", bundles * 50, (System.nanoTime() - seedStart) / 1e9);
		String poll = "Task?owner=%s&status=requested&_count=50";
		if (cases.contains("poll")) {
			bench.runner.inPasses(pass -> {
				bench.print(bench.runner.run("Task?owner=X&status=requested&_count=50" + pass, 1, 500, i -> bench.poll(poll, bench.owner(i))));
				bench.print(bench.runner.run("Task?owner=X&status=requested&_count=50" + pass, 8, 2000, i -> bench.poll(poll, bench.owner(i))));
			});
		}
		if (cases.contains("igpoll")) {
			// The IG's light-CBO poll: open referrals changed since the last poll, with the ServiceRequest
			// and the client in the same page.
			String since = java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString();
			String igPoll = "Task?owner=%s&status=requested,accepted,in-progress&_lastUpdated=gt" + since
					+ "&_include=Task:focus&_include=Task:patient&_count=50";
			String name = "IG poll: owner+status+_lastUpdated, _include focus+patient";
			bench.runner.inPasses(pass -> {
				bench.print(bench.runner.run(name + pass, 1, 500, i -> bench.poll(igPoll, bench.owner(i))));
				bench.print(bench.runner.run(name + pass, 8, 2000, i -> bench.poll(igPoll, bench.owner(i))));
			});
		}
		String fullText = "Patient?_content=" + bench.word + "&_count=50";
		if (cases.contains("content")) {
			bench.runner.inPasses(pass -> {
				bench.print(bench.runner.run("Patient?_content=<word>&_count=50 (full text)" + pass, 1, 300, i -> bench.get(fullText)));
				bench.print(bench.runner.run("Patient?_content=<word>&_count=50 (full text)" + pass, 8, 600, i -> bench.get(fullText)));
			});
		}
	}

	/**
	 * Task update → rest-hook delivery: {@code referrals} new referrals of one subscribed CBO (their
	 * creation notifications tell which Tasks they are), half accepted one at a time, half 8 at a time.
	 */
	private void notificationLatency(int referrals) throws Exception {
		try (NotificationLatency notifications = new NotificationLatency(base, callers)) {
			String owner = create(new Organization().setName("Benchmark notified CBO"));
			notifications.subscribe(owner);
			print(runner.run("seed: 50 referrals of the subscribed CBO per transaction", 1, referrals / 50, i -> referralTxn(50, owner)));
			List<String> tasks = notifications.awaitNotifications(referrals);
			System.out.printf("creation notifications received: %d of %d%n", tasks.size(), referrals);
			int half = tasks.size() / 2;
			print(notifications.measure("notification latency: Task update -> rest-hook delivery", 1, tasks.subList(0, half)));
			print(notifications.measure("notification latency: Task update -> rest-hook delivery", 8, tasks.subList(half, tasks.size())));
		}
	}

	private void print(LoadRunner.Result result) {
		System.out.println(result.row());
	}

	private String owner(int i) {
		return owners.get(i % owners.size());
	}

	private Patient patient() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:bench:mrn").setValue(UUID.randomUUID().toString());
		patient.addName().setFamily("Bench").addGiven(word);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-01-01"));
		// the clinic's own patient: what its EHR may see when tokens are required
		patient.setManagingOrganization(new Reference(requester));
		return patient;
	}

	/** A transaction with {@code referrals} × (Patient + ServiceRequest + Task), owners at random. */
	private HttpRequest referralTxn(int referrals) {
		return referralTxn(referrals, null);
	}

	/** A transaction with {@code referrals} × (Patient + ServiceRequest + Task) for {@code owner} (null: at random). */
	private HttpRequest referralTxn(int referrals, String owner) {
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		for (int r = 0; r < referrals; r++) {
			String patientUrn = "urn:uuid:" + UUID.randomUUID();
			String requestUrn = "urn:uuid:" + UUID.randomUUID();
			bundle.addEntry().setFullUrl(patientUrn).setResource(patient()).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
			ServiceRequest request = Referrals.serviceRequest(patientUrn).setRequester(new Reference(requester));
			request.addCategory().addCoding().setSystem("http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes").setCode("food-insecurity");
			bundle.addEntry().setFullUrl(requestUrn).setResource(request).getRequest().setMethod(HTTPVerb.POST).setUrl("ServiceRequest");
			Task task = Referrals.referralTask(requestUrn, patientUrn, requester,
					owner != null ? owner : owners.get(Math.floorMod(UUID.randomUUID().hashCode(), owners.size())));
			bundle.addEntry().setResource(task).getRequest().setMethod(HTTPVerb.POST).setUrl("Task");
		}
		return callers.asEhr(HttpRequest.newBuilder(URI.create(base)), requester)
				.header("Content-Type", JSON)
				.header("Prefer", "return=minimal")
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(bundle)))
				.build();
	}

	private HttpRequest post(String type, org.hl7.fhir.r4.model.Resource resource, String prefer) {
		return callers.asEhr(HttpRequest.newBuilder(URI.create(base + "/" + type)), requester)
				.header("Content-Type", JSON)
				.header("Prefer", prefer)
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(resource)))
				.build();
	}

	/** A search by the clinic's EHR. */
	private HttpRequest get(String relative) {
		return callers.asEhr(HttpRequest.newBuilder(URI.create(base + "/" + relative)), requester)
				.header("Accept", JSON).GET().build();
	}

	/** A worklist poll by the CBO that owns the Tasks. */
	private HttpRequest poll(String template, String owner) {
		return callers.asCbo(HttpRequest.newBuilder(URI.create(base + "/" + String.format(template, owner))), owner)
				.header("Accept", JSON).GET().build();
	}

	String create(org.hl7.fhir.r4.model.Resource resource) throws Exception {
		HttpRequest request = callers.asAdmin(HttpRequest.newBuilder(URI.create(base + "/" + resource.fhirType())))
				.header("Content-Type", JSON)
				.header("Prefer", "return=representation")
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(resource)))
				.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Could not create " + resource.fhirType() + ": " + response.body());
		}
		return resource.fhirType() + "/" + parser.parseResource(response.body()).getIdElement().getIdPart();
	}
}
