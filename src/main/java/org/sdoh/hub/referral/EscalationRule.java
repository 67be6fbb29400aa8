package org.sdoh.hub.referral;

import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Task;

/**
 * When a referral nobody answered is overdue: it is still {@code requested} and either its
 * {@code restriction.period.end} (the requester's own deadline) has passed or, without one, the
 * escalation period in business days ({@link BusinessCalendar}: weekdays in the deployment's time
 * zone that are no holiday) has passed since {@code authoredOn}.
 */
public final class EscalationRule {

	private EscalationRule() {}

	public static boolean isOverdue(Task task, Instant now, int businessDays, BusinessCalendar calendar) {
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
		return calendar.plusBusinessDays(task.getAuthoredOn().toInstant(), businessDays).isBefore(now);
	}
}
