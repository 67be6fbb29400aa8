package org.sdoh.hub.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stores AuditEvents in this server off the request thread, so auditing costs a request an enqueue,
 * not a database write. The queue is bounded: when it is full, the request thread writes the event
 * itself (slower, never lost). Stopping the server drains the queue first.
 */
public class AsyncAuditTrail implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AsyncAuditTrail.class);

	private final DaoRegistry daoRegistry;
	private final BlockingQueue<AuditEvent> queue;
	private final AtomicInteger unstored = new AtomicInteger();
	private volatile Thread writer;
	private volatile boolean running;

	public AsyncAuditTrail(DaoRegistry daoRegistry, int capacity) {
		this.daoRegistry = daoRegistry;
		this.queue = new ArrayBlockingQueue<>(capacity);
	}

	/** Accepts an event for storage; returns at once unless the queue is full. */
	public void store(AuditEvent event) {
		unstored.incrementAndGet();
		if (!running || !queue.offer(event)) {
			write(event);
		}
	}

	private void write(IBaseResource event) {
		try {
			daoRegistry.getResourceDao("AuditEvent").create(event, new SystemRequestDetails());
		} catch (RuntimeException e) {
			log.error("Could not store AuditEvent", e);
		} finally {
			unstored.decrementAndGet();
		}
	}

	private void drain() {
		while (running || !queue.isEmpty()) {
			try {
				AuditEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
				if (event != null) {
					write(event);
				}
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
