package org.sdoh.hub.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.sdoh.hub.referral.BusinessCalendar;
import org.sdoh.hub.referral.ReferralEscalation;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For the {@code metrics} benchmark: a year of generated referral histories written straight into
 * the projection table, because seeding 100,000 referrals with their versions through the API
 * takes about an hour on a shared two-core machine. Each row is still made by the server's own
 * code: {@link ReferralFact#advance} over the referral's generated Task versions (requested, then
 * accepted, completed, rejected, cancelled or flagged overdue at generated times), with the
 * server's default business calendar. Also times the measures' SQL directly, without HTTP and FHIR.
 */
public final class BenchReferralHistory {

	private static final List<String> DOMAINS = List.of("food-insecurity", "housing-instability", "transportation-insecurity",
			"financial-insecurity", "utility-insecurity", "inadequate-housing", "social-connection", "employment-status");
	private static final List<String> REJECTIONS = List.of("at-capacity", "not-eligible", "out-of-service-area", "unable-to-contact");
	private static final int BATCH = 1000;

	private final JdbcTemplate jdbc;
	private final ReferralFactStore store;
	private final BusinessCalendar calendar;

	public BenchReferralHistory(JdbcTemplate jdbc, BusinessCalendar calendar) {
		this.jdbc = jdbc;
		this.store = new ReferralFactStore(jdbc);
		this.calendar = calendar;
	}

	/** {@code count} referrals sent over the 365 days before {@code now}, deterministic; returns the versions replayed. */
	public int insert(int count, Instant now, List<String> owners, List<String> requesters, String run) {
		Random random = new Random(42);
		List<ReferralFact> batch = new ArrayList<>();
		int versions = 0;
		for (int i = 0; i < count; i++) {
			Instant sent = now.minus(Duration.ofSeconds((long) (random.nextDouble() * 365 * 86_400)));
			ReferralParties parties = new ReferralParties(owners.get(random.nextInt(owners.size())),
					requesters.get(random.nextInt(requesters.size())), DOMAINS.get(random.nextInt(DOMAINS.size())));
			List<Version> history = history(sent, now, random);
			ReferralFact fact = null;
			for (Version version : history) {
				version.task.setId("Task/bench-history-" + run + "-" + i);
				fact = ReferralFact.advance(fact, version.task, parties, version.at, calendar);
			}
			versions += history.size();
			batch.add(fact);
			if (batch.size() == BATCH) {
				store.insertAll(batch);
				batch.clear();
			}
		}
		store.insertAll(batch);
		jdbc.execute("ANALYZE " + ReferralFactStore.TABLE); // as autovacuum would after a load this size
		return versions;
	}

	private record Version(Task task, Instant at) {}

	/** 65% accepted (of those, two thirds completed with an output), 12% rejected, 5% cancelled, the rest unanswered. */
	private static List<Version> history(Instant sent, Instant now, Random random) {
		List<Version> versions = new ArrayList<>(List.of(new Version(new Task().setStatus(TaskStatus.REQUESTED), sent)));
		Instant answered = sent.plus(Duration.ofMinutes((long) (60 * Math.exp(2.5 + 1.2 * random.nextGaussian()))));
		double fate = random.nextDouble();
		if (answered.isAfter(now) || fate >= 0.82) {
			if (fate >= 0.95 && sent.isBefore(now.minus(7, ChronoUnit.DAYS))) {
				Task flagged = new Task().setStatus(TaskStatus.REQUESTED);
				flagged.getBusinessStatus().addCoding().setSystem(ReferralEscalation.SYSTEM).setCode(ReferralEscalation.OVERDUE);
				versions.add(new Version(flagged, sent.plus(3, ChronoUnit.DAYS)));
			}
			return versions;
		}
		if (fate < 0.65) {
			versions.add(new Version(new Task().setStatus(TaskStatus.ACCEPTED), answered));
			Instant finished = answered.plus(Duration.ofHours(12 + random.nextInt(24 * 30)));
			if (fate < 0.43 && finished.isBefore(now)) {
				Task completed = new Task().setStatus(TaskStatus.COMPLETED);
				completed.addOutput().setValue(new CodeableConcept().setText("service delivered")).getType().setText("resulting activity");
				versions.add(new Version(completed, finished));
			}
		} else if (fate < 0.77) {
			Task rejected = new Task().setStatus(TaskStatus.REJECTED);
			rejected.setStatusReason(new CodeableConcept(new Coding("http://sdoh-referral-hub.org/fhir/CodeSystem/referral-status-reason",
					REJECTIONS.get(random.nextInt(REJECTIONS.size())), null)));
			versions.add(new Version(rejected, answered));
		} else {
			Task cancelled = new Task().setStatus(TaskStatus.CANCELLED);
			cancelled.getStatusReason().setText("declined by client");
			versions.add(new Version(cancelled, answered));
		}
		return versions;
	}

	/** Milliseconds to run a measure's statement over JDBC, rows mapped as the server maps them. */
	public double timeSql(ReferralMeasure measure, Instant from, Instant to) {
		long start = System.nanoTime();
		store.statistics(measure.aggregates(), measure.stratifiers(), from, to, Optional.empty());
		return (System.nanoTime() - start) / 1e6;
	}

	/**
	 * PostgreSQL's own account of a measure's statement, run with the server's session settings
	 * (JIT off, its sort memory): execution time, sort methods (an external merge spills to disk),
	 * parallel workers.
	 */
	public String explain(ReferralMeasure measure, Instant from, Instant to) {
		ReferralFactStore.Statement statement = store.statement(measure.aggregates(), measure.stratifiers(), from, to, Optional.empty());
		return store.explain(statement).stream()
				.map(String::strip)
				.filter(line -> line.startsWith("Execution Time") || line.contains("Sort Method") || line.startsWith("Workers Launched")
						|| line.startsWith("JIT"))
				.distinct()
				.reduce((a, b) -> a + "; " + b)
				.orElse("");
	}

	public static BusinessCalendar serverDefaultCalendar() {
		return new BusinessCalendar(java.time.ZoneId.of("America/New_York"), true, Set.of());
	}
}
