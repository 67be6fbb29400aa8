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
 * request an enqueue, not a database write. Some requests are also described here rather than on
 * their own thread ({@link BalpDriver}): what waits in the queue is a {@link PendingAudit}. Events
 * waiting together are stored together, in one transaction: under load that is one commit per batch
 * instead of per request. A batch the database refuses is retried one event at a time, so one bad
 * event never costs the others. The queue is bounded: when it is full, the request thread writes its
 * event itself (slower, never lost). Stopping the server drains the queue first.
 */
public class AsyncAuditTrail implements SmartLifecycle {

	static final int MAX_WAITING_WITH_RESOURCES = 16;

	private static final Logger log = LoggerFactory.getLogger(AsyncAuditTrail.class);

	private final AuditEventStore store;
	private final BlockingQueue<PendingAudit> queue;
	private final int batchSize;
	private final AtomicInteger unstored = new AtomicInteger();
	private final AtomicInteger waitingWithResources = new AtomicInteger();
	private volatile Thread writer;
	private volatile boolean running;

	public AsyncAuditTrail(AuditEventStore store, int capacity, int batchSize) {
		this.store = store;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.batchSize = batchSize;
	}

	/** Accepts an event for storage; returns at once unless the queue is full. */
	public void store(AuditEvent event) {
		accept(PendingAudit.of(event));
	}

	/**
	 * Accepts work that describes a request on the writer's thread; it runs here when the queue is
	 * full, or when {@value #MAX_WAITING_WITH_RESOURCES} descriptions holding resources already wait
	 * (each holds a page of resources: the count, not the queue's capacity, bounds the memory).
	 */
	void accept(PendingAudit pending) {
		if (pending.holdsResources() && waitingWithResources.incrementAndGet() > MAX_WAITING_WITH_RESOURCES) {
			List<AuditEvent> events = new ArrayList<>();
			describeInto(pending, events);
			events.forEach(this::store);
			return;
		}
		unstored.incrementAndGet();
		if (!running || !queue.offer(pending)) {
			write(List.of(pending));
		}
	}

	/** Describes and stores the pending records together; counts them stored even when that fails (logged). */
	private void write(List<PendingAudit> pending) {
		try {
			List<AuditEvent> events = new ArrayList<>();
			for (PendingAudit next : pending) {
				describeInto(next, events);
			}
			writeBatch(events);
		} finally {
			unstored.addAndGet(-pending.size());
		}
	}

	private void describeInto(PendingAudit pending, List<AuditEvent> events) {
		try {
			events.addAll(pending.describe());
		} catch (RuntimeException e) {
			log.error("Could not describe a request for the audit trail", e);
		} finally {
			if (pending.holdsResources()) {
				waitingWithResources.decrementAndGet();
			}
		}
	}

	private void writeOne(AuditEvent event) {
		try {
			store.storeAll(List.of(event));
		} catch (RuntimeException e) {
			log.error("Could not store AuditEvent", e);
		}
	}

	private void writeBatch(List<AuditEvent> events) {
		if (events.size() <= 1) {
			events.forEach(this::writeOne);
			return;
		}
		try {
			store.storeAll(events);
		} catch (RuntimeException e) {
			log.warn("A batch of {} AuditEvents was refused ({}); storing them one by one", events.size(), e.getMessage());
			events.forEach(this::writeOne);
		}
	}

	private void drain() {
		List<PendingAudit> batch = new ArrayList<>(batchSize);
		while (running || !queue.isEmpty()) {
			try {
				PendingAudit first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, batchSize - 1);
				write(batch);
				batch.clear();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Records accepted but not yet stored (tests wait for zero). */
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
