package org.sdoh.hub.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * A real Keycloak (the server distribution from Maven Central, unpacked by the build under
 * target/keycloak) with the project's realm file, in development mode with an in-memory database.
 * Its port is fixed when the class loads, so the secured server can trust its issuer before it runs.
 * Fails — never skips — when the distribution is missing or Keycloak does not come up.
 */
public final class KeycloakServer {

	public static final String REALM = "sdoh";
	public static final String EHR_SECRET = "test-ehr-secret";
	public static final String CBO_SECRET = "test-cbo-secret";
	/** The password of the realm's demo users (cbo.staff, clinician, ...). */
	public static final String DEMO_USER_PASSWORD = "test-password";

	private static final int FIRST_FIXED_PORT = 20_000;
	private static final int FIXED_PORTS = 12_000;
	private static final Random RANDOM = new Random();
	private static final int PORT = freePort();
	/**
	 * The secured server's port, fixed like Keycloak's: the realm's public browser client accepts
	 * redirects and CORS requests only from {@code SDOH_WEB_BASE_URL}, which Keycloak reads at import.
	 */
	private static final int WEB_PORT = freePort();
	private static Process process;
	private static boolean ready;
	private static RSAKey backendKey;

	private KeycloakServer() {}

	public static String baseUrl() {
		return "http://localhost:" + PORT;
	}

	public static String issuer() {
		return baseUrl() + "/realms/" + REALM;
	}

	public static String tokenEndpoint() {
		return issuer() + "/protocol/openid-connect/token";
	}

	public static int webPort() {
		return WEB_PORT;
	}

	/** Where the inbox runs in tests: the secured server on the loopback address. */
	public static String webBaseUrl() {
		return "http://127.0.0.1:" + WEB_PORT;
	}

	/**
	 * The key pair of the SMART Backend Services client ({@code ehr-backend}, private_key_jwt). One for
	 * the whole run, because Keycloak reads the JWKS URL once, from whichever test starts it first.
	 */
	public static synchronized RSAKey backendKey() {
		if (backendKey == null) {
			try {
				backendKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}
		return backendKey;
	}

	/** Starts Keycloak once per test run, with the backend client's public key served on a local JWKS endpoint. */
	public static synchronized void start() {
		if (ready) {
			return;
		}
		if (process != null) {
			// started by an earlier test class that gave up waiting: wait again rather than run against nothing
			awaitRealm(Duration.ofMinutes(8));
			ready = true;
			return;
		}
		String backendJwksUrl = JwksEndpoint.serve(backendKey()) + "/jwks";
		Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/missing"));
		Path launcher = home.resolve("bin/kc.sh");
		if (!Files.isRegularFile(launcher)) {
			throw new IllegalStateException("Keycloak distribution not found at " + home + " (the Maven build unpacks it)");
		}
		try {
			Path imports = Files.createDirectories(home.resolve("data/import"));
			Files.copy(Path.of("server/keycloak/realm-sdoh.json"), imports.resolve("realm-sdoh.json"),
					StandardCopyOption.REPLACE_EXISTING);
			ProcessBuilder builder = new ProcessBuilder(
					"bash", launcher.toString(), "start-dev", "--import-realm", "--db=dev-mem",
					"--http-host=127.0.0.1", "--http-port=" + PORT, "--hostname=" + baseUrl(), "--cache=local")
					.redirectErrorStream(true)
					.redirectOutput(Path.of("target", "keycloak.log").toFile());
			builder.environment().put("EHR_CLIENT_SECRET", EHR_SECRET);
			builder.environment().put("CBO_CLIENT_SECRET", CBO_SECRET);
			builder.environment().put("EHR_BACKEND_JWKS_URL", backendJwksUrl);
			builder.environment().put("DEMO_USER_PASSWORD", DEMO_USER_PASSWORD);
			builder.environment().put("SDOH_WEB_BASE_URL", webBaseUrl());
			builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
			builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
			process = builder.start();
			Runtime.getRuntime().addShutdownHook(new Thread(KeycloakServer::stop));
			// the first start of a fresh distribution also builds it (Quarkus augmentation): minutes on a busy 2-core machine
			awaitRealm(Duration.ofMinutes(8));
			ready = true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void awaitRealm(Duration timeout) {
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plus(timeout);
		HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration")).build();
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see target/keycloak.log");
			}
			try {
				if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// not listening yet
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			sleep();
		}
		throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + timeout + "; see target/keycloak.log");
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void stop() {
		if (process != null) {
			process.descendants().forEach(ProcessHandle::destroy);
			process.destroy();
		}
	}

	/**
	 * A port free now that stays free until it is bound, a minute later: below Linux's ephemeral range
	 * (32768-60999), which outgoing connections draw from. A port from {@code new ServerSocket(0)} lies
	 * in that range, and in CI one was taken by a connection while Keycloak was still booting.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = FIRST_FIXED_PORT + RANDOM.nextInt(FIXED_PORTS);
			try (ServerSocket socket = new ServerSocket(port)) {
				return port;
			} catch (IOException busy) {
				// try another
			}
		}
		throw new IllegalStateException("No free port between " + FIRST_FIXED_PORT + " and " + (FIRST_FIXED_PORT + FIXED_PORTS));
	}
}
