package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.KeycloakServer;
import org.sdoh.hub.support.SecuredServerTestBase;

/**
 * The server accepts tokens of a real Keycloak running the project's realm file: client
 * credentials with a secret (simple sites) and with a signed assertion (SMART Backend Services,
 * private_key_jwt), scopes and organization claim included; a token without the needed scope is
 * refused with 403.
 */
class KeycloakTokensTest extends SecuredServerTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static RSAKey backendKey;

	@BeforeAll
	static void startKeycloakWithTheBackendServicesKeys() {
		KeycloakServer.start();
		backendKey = KeycloakServer.backendKey();
	}

	@Test
	void aCboSystemTokenFromKeycloakReadsItsReferralTasks() {
		String token = clientCredentials(Map.of(
				"client_id", "cbo-system", "client_secret", KeycloakServer.CBO_SECRET, "scope", "system/Task.rus"));
		assertThat(claims(token).get("fhir_organization").asText()).isEqualTo("Organization/demo-cbo-foodbank");
		assertThat(claims(token).get("aud").toString()).contains("sdoh-fhir-api");
		HttpResponse<String> response = get("Task?status=requested", token);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void aKeycloakTokenWithoutTheScopeIsRefusedWith403() {
		String token = clientCredentials(Map.of("client_id", "cbo-system", "client_secret", KeycloakServer.CBO_SECRET));
		assertThat(get("Task", token).statusCode()).isEqualTo(403);
	}

	@Test
	void aWrongClientSecretGetsNoToken() {
		HttpResponse<String> response = tokenRequest(Map.of(
				"grant_type", "client_credentials", "client_id", "ehr-system", "client_secret", "guessed"));
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void smartBackendServicesClientAuthenticatesWithASignedAssertion() throws Exception {
		JWTClaimsSet assertion = new JWTClaimsSet.Builder()
				.issuer("ehr-backend")
				.subject("ehr-backend")
				.audience(KeycloakServer.tokenEndpoint())
				.jwtID(UUID.randomUUID().toString())
				.issueTime(new Date())
				.expirationTime(new Date(System.currentTimeMillis() + 240_000))
				.build();
		SignedJWT signed = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(backendKey.getKeyID()).type(JOSEObjectType.JWT).build(),
				assertion);
		signed.sign(new RSASSASigner(backendKey));
		String token = clientCredentials(Map.of(
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", signed.serialize(),
				"scope", "system/Task.cruds system/ServiceRequest.cruds"));
		assertThat(claims(token).get("azp").asText()).isEqualTo("ehr-backend");
		assertThat(get("ServiceRequest", token).statusCode()).isEqualTo(200);
	}

	private String clientCredentials(Map<String, String> parameters) {
		Map<String, String> form = new HashMap<>(parameters);
		form.put("grant_type", "client_credentials");
		HttpResponse<String> response = tokenRequest(form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		try {
			return JSON.readTree(response.body()).get("access_token").asText();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private HttpResponse<String> tokenRequest(Map<String, String> form) {
		String body = form.entrySet().stream()
				.map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(KeycloakServer.tokenEndpoint()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static JsonNode claims(String token) {
		try {
			return JSON.readTree(SignedJWT.parse(token).getPayload().toString());
		} catch (Exception e) {
			throw new IllegalStateException("Not a JWT: " + token, e);
		}
	}
}
