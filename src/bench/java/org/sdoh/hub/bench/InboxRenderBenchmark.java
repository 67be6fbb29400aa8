package org.sdoh.hub.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sdoh.hub.inbox.InboxFixture;
import org.sdoh.hub.support.InboxBrowser;
import org.sdoh.hub.support.KeycloakServer;
import org.sdoh.hub.support.Referrals;
import org.sdoh.hub.support.SecuredServerTestBase;

/**
 * Issue 8's benchmark, not a test (it asserts nothing and prints numbers): the referral inbox's first
 * render with 500 referrals for the organization, and a referral page, in headless Chromium on
 * localhost against the secured server and a real Keycloak. Each number is the browser's own clock
 * from navigation start (full page load: HTML, modules, messages, token, FHIR requests) until the page
 * shows its data. Run: {@code mvn -Pbench test -Dtest=InboxRenderBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (output in target/surefire-reports/org.sdoh.hub.bench.InboxRenderBenchmark-output.txt and the console summary).
 */
class InboxRenderBenchmark extends SecuredServerTestBase {

	private static final int REFERRALS = Integer.getInteger("bench.inbox.referrals", 500);
	private static final int RUNS = 7;

	@Test
	void inboxAndReferralPageRenderTimes() {
		KeycloakServer.start();
		IGenericClient admin = admin();
		InboxFixture network = new InboxFixture(admin);
		long seeding = System.nanoTime();
		seed(admin, REFERRALS - 1);
		String referral = network.referral("Benchmark", InboxFixture.FOOD_BANK);
		for (int i = 0; i < 5; i++) {
			admin.create().resource(message(referral, i)).execute();
		}
		System.out.printf("seeded %d referrals in %.1f s%n", REFERRALS, (System.nanoTime() - seeding) / 1e9);
		try (InboxBrowser browser = new InboxBrowser(KeycloakServer.webBaseUrl())) {
			browser.open("#/", "cbo.staff", KeycloakServer.DEMO_USER_PASSWORD);
			report("inbox first render (20 of " + REFERRALS + ")",
					measure(browser, "#/", d -> d.findElements(By.cssSelector(".cards .card")).size() == 20));
			report("referral page (client, request, referrer, supporting info, 5 messages, history)",
					measure(browser, "#/referral/" + referral, d -> !d.findElements(By.cssSelector(".thread li")).isEmpty()
							&& !d.findElements(By.cssSelector(".history li")).isEmpty()));
		}
	}

	/** Referrals in transactions of 50 (Patient + ServiceRequest + Task each), all owned by the food bank. */
	private static void seed(IGenericClient admin, int count) {
		for (int done = 0; done < count; done += 50) {
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			for (int i = done; i < Math.min(count, done + 50); i++) {
				String patient = "urn:uuid:" + UUID.randomUUID();
				String request = "urn:uuid:" + UUID.randomUUID();
				Patient client = new Patient().addName(new HumanName().setFamily("Client" + i).addGiven("Bench"));
				ServiceRequest service = Referrals.serviceRequest(patient);
				Task task = Referrals.referralTask(request, patient, InboxFixture.REFERRER, InboxFixture.FOOD_BANK);
				transaction.addEntry().setFullUrl(patient).setResource(client).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
				transaction.addEntry().setFullUrl(request).setResource(service).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
				transaction.addEntry().setResource(task).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Task");
			}
			admin.transaction().withBundle(transaction).execute();
		}
	}

	private static Communication message(String taskId, int i) {
		Communication message = new Communication().setStatus(Communication.CommunicationStatus.COMPLETED)
				.addPartOf(new Reference("Task/" + taskId))
				.setSender(new Reference(i % 2 == 0 ? InboxFixture.REFERRER : InboxFixture.FOOD_BANK));
		message.setSentElement(DateTimeType.now());
		message.addPayload().setContent(new StringType("Message " + i));
		return message;
	}

	/** Milliseconds from navigation start to {@code rendered}, per run (full page load each time, the first run cold). */
	private static double[] measure(InboxBrowser browser, String route, Function<WebDriver, Boolean> rendered) {
		WebDriver driver = browser.driver();
		double[] times = new double[RUNS];
		for (int run = 0; run < RUNS; run++) {
			driver.get("about:blank");
			driver.get(browser.inboxUrl() + route);
			new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(5)).until(rendered::apply);
			times[run] = ((Number) ((JavascriptExecutor) driver).executeScript("return performance.now()")).doubleValue();
			if (run == 0) {
				printWaterfall(driver);
			}
		}
		return times;
	}

	/** The cold load's requests (start and end in ms from navigation start): which waited for which. */
	private static void printWaterfall(WebDriver driver) {
		Object lines = ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
				+ ".map(e => `${e.startTime.toFixed(0).padStart(5)} → ${e.responseEnd.toFixed(0).padStart(5)} ms  ${e.name.replace(location.origin, '')}`)");
		System.out.println("  cold load, requests:");
		((List<?>) lines).forEach(line -> System.out.println("    " + line));
	}

	private static void report(String what, double[] times) {
		double cold = times[0];
		double[] warm = Arrays.copyOfRange(times, 1, times.length);
		Arrays.sort(warm);
		List<String> all = new ArrayList<>();
		for (double t : times) {
			all.add(String.format("%.0f", t));
		}
		System.out.printf("%-80s first %.0f ms, then median %.0f ms, max %.0f ms  (runs: %s)%n",
				what, cold, warm[warm.length / 2], warm[warm.length - 1], String.join(", ", all));
	}
}
