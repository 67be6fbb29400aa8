package org.sdoh.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.util.BundleUtil;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;

/** Who saw which patient is in the trail; the trail can be read by auditors only and changed by nobody through the API. */
class AuditTrailTest extends SecuredServerTestBase {

	private static final Claims AUDITOR =
			new Claims("sdoh-web", "auditor", "Organization/clinic", null, List.of("auditor"), "user/AuditEvent.rs");
	private static final Claims CBO_ADMIN =
			new Claims("cbo-admin-client", "cbo-admin", null, null, List.of("network-admin"), "system/*.cruds");
	private static final Claims CBO =
			new Claims("cbo-system", "cbo", "Organization/cbo", null, List.of("cbo-system"), "system/*.cruds");

	@Test
	void auditorsReadTheTrailAndOthersAreRefused() {
		admin().create().resource(new Organization().setName(unique("Audited"))).execute();
		assertThat(get("AuditEvent?_count=5", TestTokens.token(AUDITOR)).statusCode()).isEqualTo(200);
		assertThat(get("AuditEvent?_count=5", TestTokens.token(CBO)).statusCode()).isEqualTo(403);
	}

	@Test
	void aSearchIsRecordedOncePerPatientShownWithItsCallerAndAddress() throws InterruptedException {
		String family = unique("Audited");
		String first = admin().create().resource(new Patient().addName(new HumanName().setFamily(family))).execute()
				.getId().toUnqualifiedVersionless().getValue();
		String second = admin().create().resource(new Patient().addName(new HumanName().setFamily(family))).execute()
				.getId().toUnqualifiedVersionless().getValue();

		assertThat(get("Patient?family=" + family, TestTokens.token(CBO_ADMIN)).statusCode()).isEqualTo(200);

		for (String patient : List.of(first, second)) {
			List<AuditEvent> searches = awaitEvents("AuditEvent?patient=" + patient + "&subtype=search-type");
			assertThat(searches).as(patient).hasSize(1);
			AuditEvent search = searches.get(0);
			assertThat(search.getEntity()).as("one event per patient, naming that patient only")
					.filteredOn(entity -> "1".equals(entity.getRole().getCode()))
					.extracting(entity -> entity.getWhat().getReference()).containsExactly(patient);
			assertThat(search.getEntity()).filteredOn(entity -> entity.hasQuery()).singleElement()
					.satisfies(query -> assertThat(new String(query.getQuery(), StandardCharsets.UTF_8)).contains("family=" + family));
			assertThat(search.getAgent()).extracting(agent -> agent.getWho().getIdentifier().getValue())
					.contains("cbo-admin-client", "cbo-admin");
			assertThat(search.getAgent()).extracting(agent -> agent.getNetwork().getAddress()).contains("127.0.0.1");
		}
	}

	@Test
	void eachInteractionIsDescribedByItsBalpProfileWithThePatientAndTheData() throws InterruptedException {
		String patient = admin().create().resource(new Patient().addName(new HumanName().setFamily(unique("Balp")))).execute()
				.getId().toUnqualifiedVersionless().getValue();
		assertThat(get(patient, TestTokens.token(CBO_ADMIN)).statusCode()).isEqualTo(200);

		AuditEvent created = awaitEvents("AuditEvent?patient=" + patient + "&subtype=create").get(0);
		assertThat(created.getMeta().getProfile()).extracting(profile -> profile.getValue())
				.containsExactly(BalpProfileEnum.PATIENT_CREATE.getProfileUrl());
		assertThat(created.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
		assertThat(created.getEntity()).extracting(entity -> entity.getRole().getCode(), entity -> entity.getWhat().getReference())
				.contains(tuple("4", patient), tuple("1", patient));

		AuditEvent read = awaitEvents("AuditEvent?patient=" + patient + "&subtype=read").get(0);
		assertThat(read.getMeta().getProfile()).extracting(profile -> profile.getValue())
				.containsExactly(BalpProfileEnum.PATIENT_READ.getProfileUrl());
		assertThat(read.getText().getDivAsString()).contains("Audit Event");
		assertThat(read.getAgent()).extracting(agent -> agent.getType().getCodingFirstRep().getCode())
				.containsExactly(BalpProfileEnum.PATIENT_READ.getAgentClientTypeCoding().getCode(),
						BalpProfileEnum.PATIENT_READ.getAgentServerTypeCoding().getCode(), "IRCP"); // client, server, user
	}

	@Test
	void aSearchThatShowsNoPatientIsOneBasicQuery() throws InterruptedException {
		String name = unique("Unaudited");
		admin().create().resource(new Organization().setName(name)).execute();
		String before = Instant.now().minusSeconds(1).toString();
		assertThat(get("Organization?name=" + name, TestTokens.token(CBO_ADMIN)).statusCode()).isEqualTo(200);

		List<AuditEvent> searches = awaitEvents("AuditEvent?subtype=search-type&date=ge" + before + "&_count=100",
				event -> event.getEntity().stream()
						.anyMatch(entity -> entity.hasQuery() && new String(entity.getQuery(), StandardCharsets.UTF_8).contains("name=" + name)));
		assertThat(searches).singleElement()
				.satisfies(search -> {
					assertThat(search.getMeta().getProfile()).extracting(profile -> profile.getValue())
							.containsExactly(BalpProfileEnum.BASIC_QUERY.getProfileUrl());
					assertThat(search.getEntity()).noneMatch(entity -> "1".equals(entity.getRole().getCode()));
				});
	}

	@Test
	void nobodyWritesOrDeletesAuditEventsThroughTheApi() {
		String event = """
				{"resourceType":"AuditEvent","type":{"code":"rest"},"recorded":"2026-01-01T00:00:00Z",
				 "agent":[{"requestor":true}],"source":{"observer":{"display":"forger"}}}""";
		String admin = TestTokens.token(new Claims("operator", "operator", null, null, List.of("network-admin"), "system/*.cruds"));
		for (String token : List.of(admin, TestTokens.token(AUDITOR))) {
			assertThat(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/AuditEvent"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/fhir+json")
					.POST(HttpRequest.BodyPublishers.ofString(event))).statusCode()).isEqualTo(403);
		}
		String stored = clientWith(TestTokens.token(AUDITOR)).search().forResource(AuditEvent.class).count(1)
				.returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntryFirstRep().getResource().getIdElement()
				.toUnqualifiedVersionless().getValue();
		assertThat(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/" + stored))
				.header("Authorization", "Bearer " + admin).DELETE()).statusCode()).isEqualTo(403);
	}

	/** Searches the trail as an auditor until something matches (it is written after the response). */
	private List<AuditEvent> awaitEvents(String search) throws InterruptedException {
		return awaitEvents(search, event -> true);
	}

	/** The events found by the search that are {@code wanted}, once there is at least one (or none after 10 s). */
	private List<AuditEvent> awaitEvents(String search, Predicate<AuditEvent> wanted) throws InterruptedException {
		IGenericClient auditor = clientWith(TestTokens.token(AUDITOR));
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		List<AuditEvent> found = List.of();
		while (found.isEmpty() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
			found = BundleUtil.toListOfResourcesOfType(fhirContext,
					auditor.search().byUrl(search).returnBundle(Bundle.class).execute(), AuditEvent.class)
					.stream().filter(wanted).toList();
		}
		return found;
	}
}
