package org.sdoh.hub.directory.hsds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.directory.hsds.HsdsImportJobs.State;
import org.sdoh.hub.directory.hsds.HsdsImportJobs.Status;

/** The background import registry, with an importer that stops where the test says: no timing guesses. */
class HsdsImportJobsTest {

	/** Reports 100 of 400 done, then waits for {@code finish}; packages named "fail" throw. */
	private static final class SteppedImporter extends HsdsImporter {
		final CountDownLatch reported = new CountDownLatch(1);
		final CountDownLatch finish = new CountDownLatch(1);

		SteppedImporter() {
			super(null, null);
		}

		@Override
		public Summary importPackage(HsdsDataPackage data, Progress progress) {
			progress.update(100, 400, 2);
			reported.countDown();
			await(finish);
			if (!data.table("fail").isEmpty()) {
				throw new IllegalStateException("database went away");
			}
			return new Summary(data.rowCount(), 398, List.of(new RejectedRecord("service", "s1", "name is required"),
					new RejectedRecord("service", "s2", "name is required")));
		}
	}

	private final SteppedImporter importer = new SteppedImporter();
	private final HsdsImportJobs jobs = new HsdsImportJobs(importer);

	@AfterEach
	void stop() {
		importer.finish.countDown();
		jobs.stop();
	}

	@Test
	void aJobGoesFromRunningWithProgressToCompletedWithTheSummary() {
		Status submitted = jobs.submit(rows("service", 3));
		await(importer.reported);

		Status running = jobs.status(submitted.id()).orElseThrow();
		importer.finish.countDown();
		Status completed = waitUntilFinished(submitted.id());

		assertThat(submitted.state()).isEqualTo(State.QUEUED);
		assertThat(running).isEqualTo(new Status(submitted.id(), State.RUNNING, 3, 100, 400, 2, null, null));
		assertThat(completed.state()).isEqualTo(State.COMPLETED);
		assertThat(completed.summary().stored()).isEqualTo(398);
		assertThat(completed.done()).isEqualTo(400);
		assertThat(ImportResults.progressHeader(running)).isEqualTo("100 of 400 resources handled (25%), 2 records rejected");
	}

	@Test
	void aFailedJobKeepsItsErrorAndProgress() {
		Status submitted = jobs.submit(rows("fail", 1));
		importer.finish.countDown();

		Status failed = waitUntilFinished(submitted.id());

		assertThat(failed.state()).isEqualTo(State.FAILED);
		assertThat(failed.error()).isEqualTo("database went away");
		assertThat(failed.done()).isEqualTo(100);
	}

	@Test
	void whenTheQueueIsFullTheNextImportIs429() {
		jobs.submit(rows("service", 1)); // running, held
		await(importer.reported);
		for (int i = 0; i < HsdsImportJobs.MAX_WAITING; i++) {
			assertThat(jobs.submit(rows("service", 1)).state()).isEqualTo(State.QUEUED);
		}

		assertThatThrownBy(() -> jobs.submit(rows("service", 1)))
				.isInstanceOfSatisfying(UnclassifiedServerFailureException.class, e -> {
					assertThat(e.getStatusCode()).isEqualTo(429);
					assertThat(e.getResponseHeaders()).containsEntry("Retry-After", List.of("60"));
				});
	}

	@Test
	void onlyTheLastJobsAreRemembered() {
		importer.finish.countDown();
		Status first = jobs.submit(rows("service", 1));
		waitUntilFinished(first.id());
		Status last = first;
		for (int i = 0; i < HsdsImportJobs.KEPT; i++) {
			last = jobs.submit(rows("service", 1));
			waitUntilFinished(last.id());
		}

		assertThat(jobs.status(first.id())).isEmpty();
		assertThat(jobs.status(last.id())).isPresent();
	}

	private static HsdsDataPackage rows(String table, int count) {
		HsdsDataPackage data = new HsdsDataPackage();
		for (int i = 0; i < count; i++) {
			data.addRow(table).put("id", "r" + i);
		}
		return data;
	}

	private Status waitUntilFinished(String id) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		Status status;
		while (!(status = jobs.status(id).orElseThrow()).finished()) {
			assertThat(System.nanoTime()).as("job finishes").isLessThan(deadline);
			Thread.onSpinWait();
		}
		return status;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
