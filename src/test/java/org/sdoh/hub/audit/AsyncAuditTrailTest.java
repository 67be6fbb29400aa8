package org.sdoh.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer queue's memory bound: descriptions that hold a request's resources wait only up to
 * {@link AsyncAuditTrail#MAX_WAITING_WITH_RESOURCES}; beyond that the caller describes its own.
 * (The database side of the trail is covered through the API by AuditEventEndpointTest.)
 */
class AsyncAuditTrailTest {

	private final CountDownLatch storeMayProceed = new CountDownLatch(1);
	private final ConcurrentLinkedQueue<AuditEvent> stored = new ConcurrentLinkedQueue<>();
	private final AsyncAuditTrail trail = new AsyncAuditTrail(new BlockingStore(), 10_000, 100);
	private volatile int describedOnWriter;

	@AfterEach
	void stop() {
		storeMayProceed.countDown();
		trail.stop();
	}

	@Test
	void descriptionsHoldingResourcesBeyondTheBoundAreDescribedByTheCaller() throws InterruptedException {
		trail.start();
		AtomicInteger describedByCaller = new AtomicInteger();
		Thread caller = Thread.currentThread();
		trail.accept(new HoldingResources(caller, describedByCaller));
		awaitDescribedOnWriter(describedByCaller); // the writer now waits in the store with the first one

		int submitted = 1 + AsyncAuditTrail.MAX_WAITING_WITH_RESOURCES + 10;
		for (int i = 1; i < submitted; i++) {
			trail.accept(new HoldingResources(caller, describedByCaller));
		}

		assertThat(describedByCaller).hasValue(10);
		storeMayProceed.countDown();
		awaitAllStored();
		assertThat(stored).hasSize(submitted);
	}

	@Test
	void plainEventsAreNotBoundedByTheResourceLimit() throws InterruptedException {
		trail.start();
		int submitted = AsyncAuditTrail.MAX_WAITING_WITH_RESOURCES * 3;
		for (int i = 0; i < submitted; i++) {
			trail.store(new AuditEvent());
		}
		assertThat(stored).isEmpty(); // all queued: the writer is held in the store
		storeMayProceed.countDown();
		awaitAllStored();
		assertThat(stored).hasSize(submitted);
	}

	private void awaitDescribedOnWriter(AtomicInteger describedByCaller) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
		while (describedOnWriter == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(describedOnWriter).isEqualTo(1);
		assertThat(describedByCaller).hasValue(0);
	}

	private void awaitAllStored() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (trail.pending() > 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertThat(trail.pending()).isZero();
	}

	/** Counts where it was described. */
	private final class HoldingResources implements PendingAudit {
		private final Thread caller;
		private final AtomicInteger describedByCaller;

		HoldingResources(Thread caller, AtomicInteger describedByCaller) {
			this.caller = caller;
			this.describedByCaller = describedByCaller;
		}

		@Override
		public List<AuditEvent> describe() {
			if (Thread.currentThread() == caller) {
				describedByCaller.incrementAndGet();
			} else {
				describedOnWriter++;
			}
			return List.of(new AuditEvent());
		}

		@Override
		public boolean holdsResources() {
			return true;
		}
	}

	/** Stores in memory, and holds the writer until the test lets it go. */
	private final class BlockingStore extends AuditEventStore {
		BlockingStore() {
			super(null, null, null);
		}

		@Override
		public void storeAll(List<AuditEvent> events) {
			try {
				storeMayProceed.await(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			stored.addAll(events);
		}
	}
}
