package org.sdoh.hub.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.sdoh.hub.app.SdohHubApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The server with authentication, authorization, consent and audit on, on its own PostgreSQL
 * database, trusting two issuers: the in-JVM test provider ({@link TestTokens}) and a real Keycloak
 * ({@link KeycloakServer}, started only by the tests that need it; keys are fetched on first use).
 * It listens on {@link KeycloakServer#webPort()}, the origin the realm's browser client is set up for.
 */
@SpringBootTest(
		classes = SdohHubApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = {"server.address=127.0.0.1", "sdoh.security.enabled=true", "sdoh.demo.enabled=false"})
@ActiveProfiles("postgres")
public abstract class SecuredServerTestBase {

	/** Everything, for the network administrator that sets up test data. */
	protected static final String ADMIN_SCOPE = "system/*.cruds";

	@LocalServerPort
	protected int port;

	@Autowired
	protected FhirContext fhirContext;

	@DynamicPropertySource
	static void securedServer(DynamicPropertyRegistry registry) {
		registry.add("server.port", KeycloakServer::webPort);
		registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl("sdoh_secured"));
		registry.add("spring.datasource.username", TestPostgres::user);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("sdoh.data-dir", () -> FhirServerTestBase.tempDir("sdoh-secured"));
		registry.add("sdoh.security.issuers[0].issuer-uri", KeycloakServer::issuer);
		registry.add("sdoh.security.issuers[1].issuer-uri", TestTokens::issuer);
		registry.add("sdoh.security.issuers[1].jwk-set-uri", TestTokens::jwkSetUri);
	}

	@BeforeEach
	void neverAskServerForMetadata() {
		fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// a cold server on a busy 2-core machine can take longer than the client's default 10 s
		fhirContext.getRestfulClientFactory().setSocketTimeout(60_000);
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	protected IGenericClient clientWith(String token) {
		IGenericClient client = fhirContext.newRestfulGenericClient(baseUrl());
		if (token != null) {
			client.registerInterceptor(new BearerTokenAuthInterceptor(token));
		}
		return client;
	}

	/** A network administrator: sets up the data the access rules are then tested on. */
	protected IGenericClient admin() {
		return clientWith(TestTokens.token(new TestTokens.Claims(
				"network-operator", "operator", null, null, List.of("network-admin"), ADMIN_SCOPE)));
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	protected HttpResponse<String> get(String relativeUrl, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/" + relativeUrl))
				.header("Accept", "application/fhir+json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	protected HttpResponse<String> send(HttpRequest.Builder request) {
		return FhirServerTestBase.exchange(request);
	}
}
