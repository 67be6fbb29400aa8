package org.sdoh.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;

/** The audit trail can be read by auditors only and changed by nobody through the API. */
class AuditTrailTest extends SecuredServerTestBase {

	private static final Claims AUDITOR =
			new Claims("sdoh-web", "auditor", "Organization/clinic", null, List.of("auditor"), "user/AuditEvent.rs");
	private static final Claims CBO =
			new Claims("cbo-system", "cbo", "Organization/cbo", null, List.of("cbo-system"), "system/*.cruds");

	@Test
	void auditorsReadTheTrailAndOthersAreRefused() {
		admin().create().resource(new Organization().setName(unique("Audited"))).execute();
		assertThat(get("AuditEvent?_count=5", TestTokens.token(AUDITOR)).statusCode()).isEqualTo(200);
		assertThat(get("AuditEvent?_count=5", TestTokens.token(CBO)).statusCode()).isEqualTo(403);
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
}
