package org.sdoh.hub.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Nominatim stand-in on a local port for the whole test run (the shared server's configuration
 * points {@code sdoh.directory.geocoder.url} at it, as {@link TestSmtp} does for mail). It knows the
 * addresses tests teach it and answers {@code []} for all others; it records every query.
 */
public final class TestGeocoder {

	private static HttpServer server;
	private static final Map<String, double[]> KNOWN_POSTAL_CODES = new LinkedHashMap<>();
	private static final List<Map<String, String>> QUERIES = new ArrayList<>();

	private TestGeocoder() {}

	public static synchronized String url() {
		if (server == null) {
			try {
				server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			server.createContext("/search", exchange -> {
				Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
				byte[] body = answer(query).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
		}
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** From now on, a query with this postal code answers this position. */
	public static synchronized void teach(String postalCode, double latitude, double longitude) {
		KNOWN_POSTAL_CODES.put(postalCode, new double[] {latitude, longitude});
	}

	/** The queries received so far that named this postal code. */
	public static synchronized List<Map<String, String>> queriesFor(String postalCode) {
		return QUERIES.stream().filter(q -> postalCode.equals(q.get("postalcode"))).toList();
	}

	private static synchronized String answer(Map<String, String> query) {
		QUERIES.add(query);
		double[] position = KNOWN_POSTAL_CODES.get(query.get("postalcode"));
		// Nominatim's jsonv2 answer, reduced to what a client reads; coordinates are strings there
		return position == null ? "[]"
				: "[{\"place_id\": 1, \"lat\": \"" + position[0] + "\", \"lon\": \"" + position[1] + "\", \"display_name\": \"test\"}]";
	}

	private static Map<String, String> parse(String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return query;
	}
}
