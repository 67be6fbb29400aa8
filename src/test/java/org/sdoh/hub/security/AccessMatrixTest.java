package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.audit.AsyncAuditTrail;
import org.sdoh.hub.audit.AuditEventStore;
import org.sdoh.hub.consent.SensitivityLabels;
import org.sdoh.hub.support.Referrals;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may do what, cell by cell: every caller × every kind of access, with the exact outcome, zero
 * leaks, and exactly one AuditEvent per request. Outcomes are written as the HTTP status, plus for
 * searches the number of matched / included entries and the number of withheld resources.
 */
class AccessMatrixTest extends SecuredServerTestBase {

	@Autowired
	private AsyncAuditTrail auditTrail;

	@Autowired
	private AuditEventStore auditEvents;

	private static Network network;

	/** One clinic, two CBOs, a patient without and one with a Consent naming the first CBO. */
	private record Network(
			String clinic, String cbo, String otherCbo,
			String patient, String task, String serviceRequest, String part2Observation,
			String consentingPatient, String consentedObservation, String consent) {}

	@BeforeEach
	void network() {
		if (network == null) {
			network = createNetwork(admin());
		}
	}

	private Network createNetwork(IGenericClient admin) {
		String clinic = create(admin, new Organization().setName(unique("Clinic")));
		String cbo = create(admin, new Organization().setName(unique("Food bank")));
		String otherCbo = create(admin, new Organization().setName(unique("Legal aid")));
		String patient = create(admin, patientOf(clinic));
		String part2 = create(admin, part2Observation(patient));
		String serviceRequest = create(admin, Referrals.serviceRequest(patient).addSupportingInfo(new Reference(part2)));
		String task = create(admin, Referrals.referralTask(serviceRequest, patient, clinic, cbo));
		String consenting = create(admin, patientOf(clinic));
		String consented = create(admin, part2Observation(consenting));
		String consentedRequest = create(admin, Referrals.serviceRequest(consenting).addSupportingInfo(new Reference(consented)));
		create(admin, Referrals.referralTask(consentedRequest, consenting, clinic, cbo));
		String consent = create(admin, consentToDisclose(consenting, cbo));
		return new Network(clinic, cbo, otherCbo, patient, task, serviceRequest, part2, consenting, consented, consent);
	}

	private static Patient patientOf(String clinic) {
		Patient patient = new Patient();
		patient.addName().setFamily(unique("Client")).addGiven("Test");
		patient.setManagingOrganization(new Reference(clinic));
		return patient;
	}

	private static Observation part2Observation(String patient) {
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding(new Coding("http://loinc.org", "68524-3", "Substance use screening"));
		observation.setSubject(new Reference(patient));
		observation.getMeta().addSecurity(new Coding(SensitivityLabels.ACT_CODE, "42CFRPart2", "42 CFR Part 2"));
		return observation;
	}

	private static Consent consentToDisclose(String patient, String organization) {
		Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
		consent.getScope().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null));
		consent.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IDSCL", null));
		consent.setPatient(new Reference(patient));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		consent.getProvision().addActor().setReference(new Reference(organization)).getRole()
				.addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", null));
		consent.getProvision().addSecurityLabel(new Coding(SensitivityLabels.ACT_CODE, "42CFRPart2", null));
		return consent;
	}

	private static String create(IGenericClient client, org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}

	// ---- callers -------------------------------------------------------------------------------------

	private Map<String, String> callers() {
		Map<String, String> tokens = new LinkedHashMap<>();
		Claims ehr = new Claims("ehr-system", "service-account-ehr-system", network.clinic(), null, List.of("ehr-system"),
				"system/ServiceRequest.cruds system/Task.cruds system/Patient.cruds system/Observation.cruds system/Subscription.cruds");
		Claims cbo = new Claims("cbo-system", "service-account-cbo-system", network.cbo(), null, List.of("cbo-system"),
				"system/Task.rus system/ServiceRequest.rs system/Patient.rs system/Observation.rs system/Subscription.cruds");
		tokens.put("EHR", TestTokens.token(ehr));
		tokens.put("owning CBO", TestTokens.token(cbo));
		tokens.put("other CBO", TestTokens.token(new Claims("cbo-system", "service-account-cbo-system", network.otherCbo(), null,
				List.of("cbo-system"), cbo.scope())));
		tokens.put("patient", TestTokens.token(new Claims("sdoh-web", "patient", null, network.patient(), List.of("patient"),
				"openid patient/*.rs")));
		tokens.put("auditor", TestTokens.token(new Claims("sdoh-web", "auditor", network.clinic(), null, List.of("auditor"),
				"openid user/AuditEvent.rs")));
		tokens.put("no token", null);
		tokens.put("expired token", TestTokens.expiredToken(cbo));
		tokens.put("other issuer", TestTokens.untrustedIssuerToken(cbo));
		return tokens;
	}

	// ---- accesses ------------------------------------------------------------------------------------

	/** Each access: a preparation (not measured, not audited as part of the cell) returning the request. */
	private Map<String, Supplier<Function<String, String>>> accesses() {
		Map<String, Supplier<Function<String, String>>> accesses = new LinkedHashMap<>();
		accesses.put("search Task", () -> token -> search("Task?_id=" + id(network.task()), token));
		accesses.put("read Task", () -> token -> status(get(network.task(), token)));
		accesses.put("accept Task", this::freshTaskToAccept);
		accesses.put("read ServiceRequest", () -> token -> status(get(network.serviceRequest(), token)));
		accesses.put("read Patient", () -> token -> status(get(network.patient(), token)));
		accesses.put("read Part 2 Observation, no consent", () -> token -> status(get(network.part2Observation(), token)));
		accesses.put("read Part 2 Observation, consent", () -> token -> status(get(network.consentedObservation(), token)));
		accesses.put("_include focus+patient", () -> token -> search(
				"Task?_id=" + id(network.task()) + "&_include=Task:focus&_include=Task:patient", token));
		accesses.put("_include supporting-info", () -> token -> search(
				"ServiceRequest?_id=" + id(network.serviceRequest()) + "&_include=ServiceRequest:supporting-info", token));
		accesses.put("history", () -> token -> search(network.task() + "/_history", token));
		accesses.put("full-resource subscription", () -> token -> subscribe(token, "full-resource"));
		accesses.put("id-only subscription", () -> token -> subscribe(token, "id-only"));
		return accesses;
	}

	private static final String[] COLUMNS = {
		"search Task", "read Task", "accept Task", "read ServiceRequest", "read Patient",
		"read Part 2 Observation, no consent", "read Part 2 Observation, consent", "_include focus+patient",
		"_include supporting-info", "history", "full-resource subscription", "id-only subscription"
	};

	/** The expected outcome of every cell, one row per caller, in {@link #COLUMNS} order. */
	private static final Map<String, String[]> EXPECTED = new LinkedHashMap<>();

	static {
		EXPECTED.put("EHR", new String[] {
			"200 1+0", "200", "422", "200", "200", "403", "403", "200 1+2", "200 1+0 withheld 1", "200 1+0", "403", "201"});
		EXPECTED.put("owning CBO", new String[] {
			"200 1+0", "200", "200", "200", "200", "403", "200", "200 1+2", "200 1+0 withheld 1", "200 1+0", "403", "201"});
		EXPECTED.put("other CBO", new String[] {
			"200 0+0", "403", "403", "403", "403", "403", "403", "200 0+0", "200 0+0", "403", "403", "201"});
		EXPECTED.put("patient", new String[] {
			"200 1+0", "200", "403", "200", "200", "200", "403", "200 1+2", "200 1+1", "403", "403", "403"});
		EXPECTED.put("auditor", new String[] {
			"403", "403", "403", "403", "403", "403", "403", "403", "403", "403", "403", "403"});
		for (String unauthenticated : List.of("no token", "expired token", "other issuer")) {
			String[] row = new String[COLUMNS.length];
			Arrays.fill(row, "401");
			EXPECTED.put(unauthenticated, row);
		}
	}

	@Test
	void everyCallerGetsExactlyTheExpectedOutcomeAndEveryRequestIsAuditedOnce() {
		Map<String, String> tokens = callers();
		Map<String, Supplier<Function<String, String>>> accesses = accesses();
		List<String> mismatches = new ArrayList<>();
		for (Map.Entry<String, String[]> row : EXPECTED.entrySet()) {
			for (int column = 0; column < COLUMNS.length; column++) {
				String token = tokens.get(row.getKey());
				Function<String, String> access = accesses.get(COLUMNS[column]).get();
				long auditEventsBefore = settledAuditEventCount();
				String outcome = access.apply(token);
				long audited = auditEventsSince(auditEventsBefore);
				String cell = row.getKey() + " × " + COLUMNS[column];
				if (!outcome.equals(row.getValue()[column])) {
					mismatches.add(cell + ": expected " + row.getValue()[column] + " but was " + outcome);
				}
				if (audited != 1) {
					mismatches.add(cell + ": " + audited + " AuditEvents instead of 1");
				}
			}
		}
		assertThat(mismatches).isEmpty();
	}

	// ---- helpers -------------------------------------------------------------------------------------

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private static String status(HttpResponse<String> response) {
		return String.valueOf(response.statusCode());
	}

	/** "status matched+included", plus " withheld n" when the server says it withheld something. */
	private String search(String url, String token) {
		HttpResponse<String> response = get(url, token);
		if (response.statusCode() != 200) {
			return status(response);
		}
		Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
		long matched = bundle.getEntry().stream()
				.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH || bundle.getType() == Bundle.BundleType.HISTORY)
				.count();
		long included = bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE).count();
		String withheld = bundle.getEntry().stream()
				.filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
				.map(e -> " withheld " + e.getResource().getChildByName("issue").getValues().size())
				.findFirst().orElse("");
		return "200 " + matched + "+" + included + withheld;
	}

	private Function<String, String> freshTaskToAccept() {
		IGenericClient admin = admin();
		String serviceRequest = create(admin, Referrals.serviceRequest(network.patient()));
		String taskId = create(admin, Referrals.referralTask(serviceRequest, network.patient(), network.clinic(), network.cbo()));
		Task accepted = admin.read().resource(Task.class).withUrl(taskId).execute();
		accepted.setStatus(Task.TaskStatus.ACCEPTED);
		return token -> put(taskId, accepted, token);
	}

	private String put(String taskId, Task accepted, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + taskId))
				.header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(accepted)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return status(send(request));
	}

	private String subscribe(String token, String payload) {
		String body = """
				{"resourceType":"Subscription","status":"off","reason":"referrals",
				 "criteria":"http://hl7.org/fhir/us/sdoh-clinicalcare/SubscriptionTopic/Task",
				 "channel":{"type":"rest-hook","endpoint":"https://cbo.example.org/hook",
				   "payload":"application/fhir+json","_payload":{"extension":[{
				     "url":"http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content",
				     "valueCode":"%s"}]}}}""".formatted(payload);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/Subscription"))
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return status(send(request));
	}

	private long storedAuditEvents() {
		awaitAuditTrail();
		return auditEvents.count(AuditEventStore.everything());
	}

	/** The count once the preparation's own AuditEvents have all landed. */
	private long settledAuditEventCount() {
		long previous = -1;
		long current = storedAuditEvents();
		while (current != previous) {
			sleep(250);
			previous = current;
			current = storedAuditEvents();
		}
		return current;
	}

	/** The trail is written after the response (off the request path): wait for it to settle. */
	private long auditEventsSince(long before) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
		long stored = storedAuditEvents();
		while (stored == before && Instant.now().isBefore(deadline)) {
			sleep(50);
			stored = storedAuditEvents();
		}
		sleep(200);
		return storedAuditEvents() - before;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void awaitAuditTrail() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (auditTrail.pending() > 0 && Instant.now().isBefore(deadline)) {
			sleep(20);
		}
	}
}
