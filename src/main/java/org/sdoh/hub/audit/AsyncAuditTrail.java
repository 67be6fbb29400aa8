package org.sdoh.hub.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stores AuditEvents in the {@link AuditEventStore} off the request thread, so auditing costs a
 * request an enqueue, not a database write. Events waiting together are stored together, in one
 * transaction: under load that is one commit per batch instead of per request. A batch the database
 * refuses is retried one event at a time, so one bad event never costs the others. The queue is
 * bounded: when it is full, the request thread writes its event itself (slower, never lost). Stopping
 * the server drains the queue first.
 */
public class AsyncAuditTrail implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AsyncAuditTrail.class);

	private final AuditEventStore store;
	private final BlockingQueue<AuditEvent> queue;
	private final int batchSize;
	private final AtomicInteger unstored = new AtomicInteger();
	private volatile Thread writer;
	private volatile boolean running;

	public AsyncAuditTrail(AuditEventStore store, int capacity, int batchSize) {
		this.store = store;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.batchSize = batchSize;
	}

	/** Accepts an event for storage; returns at once unless the queue is full. */
	public void store(AuditEvent event) {
		unstored.incrementAndGet();
		if (!running || !queue.offer(event)) {
			writeOne(event);
		}
	}

	private void writeOne(AuditEvent event) {
		try {
			store.storeAll(List.of(event));
		} catch (RuntimeException e) {
			log.error("Could not store AuditEvent", e);
		} finally {
			unstored.decrementAndGet();
		}
	}

	private void writeBatch(List<AuditEvent> events) {
		if (events.size() == 1) {
			writeOne(events.get(0));
			return;
		}
		try {
			store.storeAll(events);
			unstored.addAndGet(-events.size());
		} catch (RuntimeException e) {
			log.warn("A batch of {} AuditEvents was refused ({}); storing them one by one", events.size(), e.getMessage());
			events.forEach(this::writeOne);
		}
	}

	private void drain() {
		List<AuditEvent> batch = new ArrayList<>(batchSize);
		while (running || !queue.isEmpty()) {
			try {
				AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, batchSize - 1);
				writeBatch(batch);
				batch.clear();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Events accepted but not yet stored (tests wait for zero). */
	public int pending() {
		return unstored.get();
	}

	@Override
	public void start() {
		running = true;
		writer = new Thread(this::drain, "audit-trail-writer");
		writer.setDaemon(true);
		writer.start();
	}

	@Override
	public void stop() {
		running = false;
		try {
			writer.join(TimeUnit.SECONDS.toMillis(10));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
