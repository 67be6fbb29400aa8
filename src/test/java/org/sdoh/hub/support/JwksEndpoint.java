package org.sdoh.hub.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Publishes the public half of a signing key as a JWKS over real HTTP, as an identity provider or a SMART client does. */
public final class JwksEndpoint {

	private static final List<HttpServer> SERVING = new CopyOnWriteArrayList<>();

	private JwksEndpoint() {}

	/** Stops every endpoint started here (a command-line caller's JVM would otherwise not exit). */
	public static void stopAll() {
		SERVING.forEach(server -> server.stop(0));
		SERVING.clear();
	}

	/** Serves the key at {@code http://127.0.0.1:<free port>/jwks}; returns the base {@code http://127.0.0.1:<port>}. */
	public static String serve(RSAKey key) {
		return serve(key, 0);
	}

	/** As {@link #serve(RSAKey)} on a given port (0 = any free one). */
	public static String serve(RSAKey key, int port) {
		byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
			server.createContext("/jwks", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, jwks.length);
				try (OutputStream body = exchange.getResponseBody()) {
					body.write(jwks);
				}
			});
			server.start();
			SERVING.add(server);
			return "http://127.0.0.1:" + server.getAddress().getPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
