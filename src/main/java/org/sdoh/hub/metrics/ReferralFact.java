package org.sdoh.hub.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.sdoh.hub.referral.BusinessCalendar;
import org.sdoh.hub.referral.ReferralEscalation;

/**
 * One referral as the metrics see it: one row of the projection table, advanced by each stored
 * version of its Task ({@link #advance}). Milestone times are the times of the versions that first
 * reached them; the durations, bands and period keys are derived here once, so the database only
 * groups, counts and takes percentiles.
 */
public record ReferralFact(
		String taskId,
		ReferralParties parties,
		String status,
		Instant requestedAt,
		Instant acceptedAt,
		Instant closedAt,
		String reason,
		boolean closedLoop,
		boolean overdue,
		BusinessCalendar calendar) {

	/** Statuses that mean the owner took the referral on. */
	private static final Set<TaskStatus> TAKEN_ON =
			EnumSet.of(TaskStatus.ACCEPTED, TaskStatus.INPROGRESS, TaskStatus.ONHOLD, TaskStatus.COMPLETED, TaskStatus.FAILED);
	private static final Set<TaskStatus> CLOSED =
			EnumSet.of(TaskStatus.REJECTED, TaskStatus.CANCELLED, TaskStatus.COMPLETED, TaskStatus.FAILED);
	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
	private static final double SECONDS_PER_HOUR = 3600.0;

	/**
	 * The fact after a new version of the Task, stored at {@code versionTime}. A referral counts as
	 * requested from its first version that is not a draft (an administrative import may create it
	 * in a later state: then all milestones up to that state share the version's time).
	 */
	public static ReferralFact advance(ReferralFact previous, Task task, ReferralParties parties, Instant versionTime,
			BusinessCalendar calendar) {
		TaskStatus status = task.getStatus();
		Instant requested = first(previous == null ? null : previous.requestedAt, status != TaskStatus.DRAFT, versionTime);
		Instant accepted = first(previous == null ? null : previous.acceptedAt, TAKEN_ON.contains(status), versionTime);
		Instant closed = first(previous == null ? null : previous.closedAt, CLOSED.contains(status), versionTime);
		String reason = status == TaskStatus.REJECTED || status == TaskStatus.CANCELLED
				? reasonOf(task)
				: previous == null ? null : previous.reason;
		boolean overdue = (previous != null && previous.overdue) || isFlaggedOverdue(task);
		boolean closedLoop = status == TaskStatus.COMPLETED && task.getOutput().stream().anyMatch(o -> o.getValue() != null && !o.getValue().isEmpty());
		return new ReferralFact(task.getIdElement().getIdPart(), parties, status.toCode(), requested, accepted, closed, reason,
				closedLoop, overdue, calendar);
	}

	private static Instant first(Instant already, boolean reachedNow, Instant versionTime) {
		return already != null ? already : reachedNow ? versionTime : null;
	}

	/** The coded reason if there is one (a code of the hub's reason CodeSystem or any other), else the text. */
	private static String reasonOf(Task task) {
		return task.getStatusReason().getCoding().stream()
				.filter(c -> c.hasCode())
				.map(c -> c.getCode())
				.findFirst()
				.orElse(task.getStatusReason().hasText() ? task.getStatusReason().getText() : null);
	}

	private static boolean isFlaggedOverdue(Task task) {
		return task.getBusinessStatus().getCoding().stream()
				.anyMatch(c -> ReferralEscalation.SYSTEM.equals(c.getSystem()) && ReferralEscalation.OVERDUE.equals(c.getCode()));
	}

	public String requestedMonth() {
		return requestedAt == null ? null : MONTH.format(requestedAt.atZone(calendar.zone()));
	}

	/** ISO week, e.g. 2026-W09 (weeks start on Monday; the first week of a year holds its first Thursday). */
	public String requestedWeek() {
		if (requestedAt == null) {
			return null;
		}
		ZonedDateTime time = requestedAt.atZone(calendar.zone());
		return String.format("%d-W%02d", time.get(IsoFields.WEEK_BASED_YEAR), time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
	}

	public Double acceptHours() {
		return requestedAt == null || acceptedAt == null ? null : hours(requestedAt, acceptedAt);
	}

	public Double acceptBusinessDays() {
		return requestedAt == null || acceptedAt == null ? null : calendar.businessDays(requestedAt, acceptedAt);
	}

	/** Response-time band for the distribution chart, in business days: 0-1, 1-2, 2-5, 5+. */
	public String acceptBand() {
		Double days = acceptBusinessDays();
		if (days == null) {
			return null;
		}
		return days < 1 ? "0-1" : days < 2 ? "1-2" : days < 5 ? "2-5" : "5+";
	}

	public Double completeHours() {
		return isCompletedAfterAcceptance() ? hours(acceptedAt, closedAt) : null;
	}

	public Double completeBusinessDays() {
		return isCompletedAfterAcceptance() ? calendar.businessDays(acceptedAt, closedAt) : null;
	}

	private static double hours(Instant from, Instant to) {
		return Duration.between(from, to).toSeconds() / SECONDS_PER_HOUR;
	}

	private boolean isCompletedAfterAcceptance() {
		return TaskStatus.COMPLETED.toCode().equals(status) && acceptedAt != null && closedAt != null;
	}
}
