package org.sdoh.hub.referral;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.hl7.fhir.r4.model.Task;

/**
 * When a referral nobody answered is overdue: it is still {@code requested} and either its
 * {@code restriction.period.end} (the requester's own deadline) has passed or, without one, the
 * escalation period in business days (Monday to Friday, in the deployment's time zone; public
 * holidays are not known) has passed since {@code authoredOn}.
 */
public final class EscalationRule {

	private EscalationRule() {}

	public static boolean isOverdue(Task task, Instant now, int businessDays, ZoneId zone) {
		if (task.getStatus() != Task.TaskStatus.REQUESTED) {
			return false;
		}
		Date deadline = task.getRestriction().getPeriod().getEnd();
		if (deadline != null) {
			return deadline.toInstant().isBefore(now);
		}
		if (task.getAuthoredOn() == null) {
			return false;
		}
		return addBusinessDays(task.getAuthoredOn().toInstant(), businessDays, zone).isBefore(now);
	}

	static Instant addBusinessDays(Instant start, int businessDays, ZoneId zone) {
		ZonedDateTime time = start.atZone(zone);
		int added = 0;
		while (added < businessDays) {
			time = time.plusDays(1);
			if (time.getDayOfWeek() != DayOfWeek.SATURDAY && time.getDayOfWeek() != DayOfWeek.SUNDAY) {
				added++;
			}
		}
		return time.toInstant();
	}
}
