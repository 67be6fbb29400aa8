package org.sdoh.hub.support;

import com.nimbusds.jose.JOSEObjectType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * An in-JVM OpenID provider (mock-oauth2-server) issuing the tokens of the fine-grained access
 * tests: any claims, expired tokens, and tokens of an issuer the server does not trust. The
 * Keycloak test proves the same server accepts a real Keycloak's tokens.
 */
public final class TestTokens {

	public static final String ISSUER_ID = "sdoh";
	public static final String UNTRUSTED_ISSUER_ID = "elsewhere";
	public static final String AUDIENCE = "sdoh-fhir-api";

	private static MockOAuth2Server server;

	private TestTokens() {}

	private static synchronized MockOAuth2Server server() {
		if (server == null) {
			server = new MockOAuth2Server();
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
		}
		return server;
	}

	public static String issuer() {
		return server().issuerUrl(ISSUER_ID).toString();
	}

	public static String jwkSetUri() {
		return server().jwksUrl(ISSUER_ID).toString();
	}

	/** What a token says about its caller. */
	public record Claims(String clientId, String subject, String organization, String fhirUser, List<String> roles, String scope) {

		public Claims withScope(String otherScope) {
			return new Claims(clientId, subject, organization, fhirUser, roles, otherScope);
		}
	}

	public static String token(Claims claims) {
		return token(ISSUER_ID, claims, 300);
	}

	public static String expiredToken(Claims claims) {
		return token(ISSUER_ID, claims, -600);
	}

	public static String untrustedIssuerToken(Claims claims) {
		return token(UNTRUSTED_ISSUER_ID, claims, 300);
	}

	public static String wrongAudienceToken(Claims claims) {
		return issue(ISSUER_ID, claims, 300, "another-api");
	}

	private static String token(String issuerId, Claims claims, long expirySeconds) {
		return issue(issuerId, claims, expirySeconds, AUDIENCE);
	}

	private static String issue(String issuerId, Claims claims, long expirySeconds, String audience) {
		Map<String, Object> values = new HashMap<>();
		values.put("azp", claims.clientId());
		values.put("preferred_username", claims.subject());
		values.put("scope", claims.scope());
		values.put("realm_access", Map.of("roles", claims.roles()));
		if (claims.organization() != null) {
			values.put("fhir_organization", claims.organization());
		}
		if (claims.fhirUser() != null) {
			values.put("fhirUser", claims.fhirUser());
		}
		return server().issueToken(issuerId, claims.clientId(), new DefaultOAuth2TokenCallback(
						issuerId, claims.subject(), JOSEObjectType.JWT.getType(), List.of(audience), values, expirySeconds))
				.serialize();
	}
}
