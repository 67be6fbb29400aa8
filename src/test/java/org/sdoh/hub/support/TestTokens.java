package org.sdoh.hub.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A minimal OpenID provider for the fine-grained access tests: an RSA key whose JWKS is served over
 * real HTTP, and tokens signed with it carrying any claims — also expired ones, ones for another
 * audience, and ones naming an issuer the server does not trust. The Keycloak test proves the same
 * server accepts a real Keycloak's tokens.
 */
public final class TestTokens {

	public static final String AUDIENCE = "sdoh-fhir-api";

	private static RSAKey key;
	private static String base;

	private TestTokens() {}

	private static synchronized void start() {
		if (key != null) {
			return;
		}
		try {
			key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			// the benchmark fixes the port, so the server under test can be told the issuer before it starts
			base = JwksEndpoint.serve(key, Integer.getInteger("sdoh.test-tokens.port", 0));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String issuer() {
		start();
		return base + "/sdoh";
	}

	public static String jwkSetUri() {
		start();
		return base + "/jwks";
	}

	/** What a token says about its caller. */
	public record Claims(String clientId, String subject, String organization, String fhirUser, List<String> roles, String scope) {}

	public static String token(Claims claims) {
		return sign(issuer(), claims, Instant.now(), AUDIENCE);
	}

	/** Issued two hours ago, valid for five minutes. */
	public static String expiredToken(Claims claims) {
		return sign(issuer(), claims, Instant.now().minus(Duration.ofHours(2)), AUDIENCE);
	}

	/** Signed with the same key, but naming an issuer the server does not trust. */
	public static String untrustedIssuerToken(Claims claims) {
		start();
		return sign(base + "/elsewhere", claims, Instant.now(), AUDIENCE);
	}

	public static String wrongAudienceToken(Claims claims) {
		return sign(issuer(), claims, Instant.now(), "another-api");
	}

	private static String sign(String issuer, Claims claims, Instant issuedAt, String audience) {
		start();
		JWTClaimsSet.Builder token = new JWTClaimsSet.Builder()
				.issuer(issuer)
				.subject(claims.subject())
				.audience(audience)
				.issueTime(Date.from(issuedAt))
				.expirationTime(Date.from(issuedAt.plus(Duration.ofMinutes(5))))
				.jwtID(UUID.randomUUID().toString())
				.claim("azp", claims.clientId())
				.claim("preferred_username", claims.subject())
				.claim("scope", claims.scope())
				.claim("realm_access", Map.of("roles", claims.roles()));
		if (claims.organization() != null) {
			token.claim("fhir_organization", claims.organization());
		}
		if (claims.fhirUser() != null) {
			token.claim("fhirUser", claims.fhirUser());
		}
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					token.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
