package org.sdoh.hub.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Sends a fixed number of requests at a fixed concurrency and reports throughput and latency. */
final class LoadRunner {

	record Result(String name, int concurrency, int requests, double perSecond, double p50, double p99, int errors) {

		/** The row for {@code requests} done since {@code startNanos} with these latencies (ns). */
		static Result of(String name, int concurrency, int requests, long startNanos, Collection<Long> latencies, int errors) {
			double seconds = (System.nanoTime() - startNanos) / 1e9;
			List<Long> sorted = new ArrayList<>(latencies);
			Collections.sort(sorted);
			return new Result(name, concurrency, requests, requests / seconds, percentile(sorted, 50), percentile(sorted, 99), errors);
		}
		String row() {
			return String.format(Locale.ROOT, "| %-69s | %2d | %6d | %8.1f | %7.1f | %7.1f | %4d |",
					name, concurrency, requests, perSecond, p50, p99, errors);
		}
	}

	static final String HEADER = String.format(Locale.ROOT, "| %-69s | %2s | %6s | %8s | %7s | %7s | %4s |%n|%s|",
			"case", "c", "n", "req/s", "p50 ms", "p99 ms", "err", "-".repeat(121));

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** How many times each case's measured rows run, back to back on one server ({@code -Dbench.passes}, default 2). */
	private final int passes = Integer.getInteger("bench.passes", 2);

	/** A case's measured rows; {@code pass} is appended to their names ("" for the first pass). */
	interface Rows {
		void run(String pass) throws Exception;
	}

	/**
	 * Runs a case's rows {@link #passes} times. Pass 1 meets a server just started, whose JIT has not yet
	 * compiled this path (C2 competes with the requests for the two cores); the later passes show the
	 * server as it runs for days. docs/hapi-notes measured the stock starter's "warm" numbers the same way.
	 */
	void inPasses(Rows rows) throws Exception {
		for (int pass = 1; pass <= passes; pass++) {
			rows.run(pass == 1 ? "" : " (pass " + pass + ")");
		}
	}

	/**
	 * Request i (0-based) comes from the factory; all requests are built before the clock starts, so
	 * the driver's own encoding work (on the same machine) is not measured. A non-2xx answer counts
	 * as an error.
	 */
	Result run(String name, int concurrency, int requests, IntFunction<HttpRequest> factory) throws Exception {
		List<HttpRequest> prepared = new ArrayList<>(requests);
		for (int i = 0; i < requests; i++) {
			prepared.add(factory.apply(i));
		}
		return measure(name, concurrency, requests, i -> {
			long t0 = System.nanoTime();
			boolean ok = http.send(prepared.get(i), HttpResponse.BodyHandlers.ofString()).statusCode() < 300;
			long latency = System.nanoTime() - t0;
			return ok ? OptionalLong.of(latency) : OptionalLong.empty();
		});
	}

	/** One timed step of a run: its latency in nanoseconds, or empty (or an exception) for an error. */
	interface TimedStep {
		OptionalLong latency(int index) throws Exception;
	}

	/** Runs steps 0..count-1, {@code concurrency} at a time, and summarises their latencies. */
	static Result measure(String name, int concurrency, int count, TimedStep step) throws Exception {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>(count));
		AtomicInteger next = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		long start = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < concurrency; w++) {
			workers.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					try {
						OptionalLong latency = step.latency(i);
						if (latency.isPresent()) {
							latencies.add(latency.getAsLong());
						} else {
							errors.incrementAndGet();
						}
					} catch (Exception e) {
						errors.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return Result.of(name, concurrency, count, start, latencies, errors.get());
	}

	/** The p-th percentile, in milliseconds, of nanosecond durations sorted ascending (NaN when there are none). */
	static double percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return Double.NaN; // every step failed: no latency to report
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}
}
