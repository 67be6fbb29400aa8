package org.sdoh.hub.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rest-hook endpoint (a real HTTP server on a free port) that records the notifications it
 * accepts. It can answer 503 to the first few deliveries, as a subscriber that is briefly down.
 */
final class RecordingSubscriber implements AutoCloseable {

	private final HttpServer server;
	private final BlockingQueue<String> accepted = new LinkedBlockingQueue<>();
	private final AtomicInteger attempts = new AtomicInteger();

	private RecordingSubscriber(int failFirst) {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/hook", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (attempts.incrementAndGet() <= failFirst) {
				exchange.sendResponseHeaders(503, -1);
			} else {
				accepted.add(body);
				exchange.sendResponseHeaders(200, -1);
			}
			exchange.close();
		});
		server.start();
	}

	static RecordingSubscriber start() {
		return new RecordingSubscriber(0);
	}

	/** Answers 503 to the first {@code failures} deliveries, then accepts. */
	static RecordingSubscriber failingFirst(int failures) {
		return new RecordingSubscriber(failures);
	}

	String endpoint() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
	}

	/** The next accepted notification body, or null if none comes within the time. */
	String next(int seconds) throws InterruptedException {
		return accepted.poll(seconds, TimeUnit.SECONDS);
	}

	/** Deliveries seen, refused ones included. */
	int attempts() {
		return attempts.get();
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
