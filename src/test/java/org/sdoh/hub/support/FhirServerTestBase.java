package org.sdoh.hub.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.sdoh.hub.app.SdohHubApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared server for REST-level tests: the real application on real PostgreSQL with Lucene, on a
 * random port, validating in WARN mode with the Gravity conformance files from ../shared installed
 * from a local folder, e-mail notifications going to {@link TestSmtp} and $find's geocoder at
 * {@link TestGeocoder}. Spring caches the
 * context, so the whole suite starts it once. Tests create their own data with unique identifiers
 * and can run in any order.
 */
@SpringBootTest(
		classes = SdohHubApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {
			"server.address=127.0.0.1",
			"sdoh.validation.mode=WARN",
			"sdoh.packages[0].name=hl7.fhir.us.sdoh-clinicalcare",
			"sdoh.packages[0].version=2.0.0-update",
			"sdoh.packages[0].location=../shared/gravity-package/2.0.0-update"
		})
@ActiveProfiles("postgres")
public abstract class FhirServerTestBase {

	protected static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	protected int port;

	@Autowired
	protected FhirContext fhirContext;

	protected IGenericClient client;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl("sdoh_shared"));
		registry.add("spring.datasource.username", TestPostgres::user);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("sdoh.data-dir", () -> tempDir("sdoh-shared"));
		registry.add("sdoh.notification.email.host", () -> "127.0.0.1");
		registry.add("sdoh.notification.email.port", TestSmtp::port);
		registry.add("sdoh.notification.email.starttls", () -> "false");
		registry.add("sdoh.notification.email.from", () -> "referral-hub@test.example.org");
		registry.add("sdoh.directory.geocoder.url", TestGeocoder::url);
	}

	protected static String tempDir(String prefix) {
		try {
			return Files.createTempDirectory(prefix).toString();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@BeforeEach
	void connectClient() {
		fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// a cold server on a busy 2-core machine can take longer than the client's default 10 s
		fhirContext.getRestfulClientFactory().setSocketTimeout(60_000);
		client = fhirContext.newRestfulGenericClient(baseUrl());
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	protected static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	/** A raw HTTP exchange, for what a FHIR client library would refuse to send. */
	protected HttpResponse<String> send(HttpRequest.Builder request) {
		return exchange(request);
	}

	/** One raw HTTP exchange, for both test bases. */
	static HttpResponse<String> exchange(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	protected HttpRequest.Builder request(String relativeUrl) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + "/" + relativeUrl));
	}

	/** The OperationOutcome of a response, in whichever FHIR encoding the server chose. */
	protected OperationOutcome parseOutcome(String body) {
		return EncodingEnum.detectEncoding(body).newParser(fhirContext).parseResource(OperationOutcome.class, body);
	}

	protected static Path sharedFolder(String relative) {
		return Path.of("..", "shared").resolve(relative);
	}
}
