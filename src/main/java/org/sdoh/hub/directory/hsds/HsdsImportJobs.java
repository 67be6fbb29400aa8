package org.sdoh.hub.directory.hsds;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.annotation.PreDestroy;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Imports run in the background ({@code Prefer: respond-async}): one at a time on one thread (two
 * imports in parallel would only compete for the same database and index writes), at most
 * {@value #MAX_WAITING} waiting, and the last {@value #KEPT} jobs remembered so their status can be
 * polled. Jobs live in memory: a restart forgets them (the records already stored stay stored, and
 * re-importing the package is idempotent).
 */
@Component
public class HsdsImportJobs {

	static final int MAX_WAITING = 4;
	static final int KEPT = 20;
	private static final Logger LOG = LoggerFactory.getLogger(HsdsImportJobs.class);

	/** Where a job stands; {@code summary} once completed, {@code error} once failed. */
	public record Status(String id, State state, int received, int done, int total, int rejected,
			HsdsImporter.Summary summary, String error) {

		public boolean finished() {
			return state == State.COMPLETED || state == State.FAILED;
		}
	}

	public enum State {
		QUEUED, RUNNING, COMPLETED, FAILED
	}

	private final HsdsImporter importer;
	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
	/** Insertion-ordered: the oldest finished job is forgotten first. */
	private final Map<String, Status> jobs = new LinkedHashMap<>();

	public HsdsImportJobs(HsdsImporter importer) {
		this.importer = importer;
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(MAX_WAITING);
		executor.setThreadNamePrefix("hsds-import-");
		executor.initialize();
	}

	/** Starts the import when the thread is free; 429 when {@value #MAX_WAITING} imports already wait. */
	public Status submit(HsdsDataPackage data) {
		Status queued = new Status(UUID.randomUUID().toString(), State.QUEUED, data.rowCount(), 0, 0, 0, null, null);
		synchronized (jobs) {
			forgetOldFinishedJobs();
			jobs.put(queued.id(), queued);
		}
		try {
			executor.execute(() -> run(queued.id(), data));
		} catch (TaskRejectedException e) {
			synchronized (jobs) {
				jobs.remove(queued.id());
			}
			UnclassifiedServerFailureException busy = new UnclassifiedServerFailureException(429,
					MAX_WAITING + " HSDS imports are already waiting; try again when one has finished");
			busy.addResponseHeader("Retry-After", "60");
			throw busy;
		}
		return queued;
	}

	public Optional<Status> status(String id) {
		synchronized (jobs) {
			return Optional.ofNullable(jobs.get(id));
		}
	}

	private void run(String id, HsdsDataPackage data) {
		try {
			HsdsImporter.Summary summary = importer.importPackage(data, (done, total, rejected) ->
					update(id, new Status(id, State.RUNNING, data.rowCount(), done, total, rejected, null, null)));
			Status last = status(id).orElseThrow();
			update(id, new Status(id, State.COMPLETED, summary.received(), last.total(), last.total(), summary.rejected().size(), summary, null));
		} catch (RuntimeException e) {
			LOG.error("HSDS import {} failed", id, e);
			Status last = status(id).orElseThrow();
			update(id, new Status(id, State.FAILED, last.received(), last.done(), last.total(), last.rejected(), null,
					e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
		}
	}

	private void update(String id, Status status) {
		synchronized (jobs) {
			jobs.replace(id, status);
		}
	}

	/** Keeps at most {@value #KEPT} jobs (before adding one), dropping the oldest finished ones. */
	private void forgetOldFinishedJobs() {
		Iterator<Status> oldestFirst = jobs.values().iterator();
		while (jobs.size() >= KEPT && oldestFirst.hasNext()) {
			if (oldestFirst.next().finished()) {
				oldestFirst.remove();
			}
		}
	}

	@PreDestroy
	void stop() {
		executor.shutdown();
	}
}
