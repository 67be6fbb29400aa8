package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class EscalationRuleTest {

	private static final BusinessCalendar NEW_YORK = new BusinessCalendar(ZoneId.of("America/New_York"), true, Set.of());
	/** Friday 2026-11-20 10:00 in New York. */
	private static final Instant FRIDAY = Instant.parse("2026-11-20T15:00:00Z");

	private static Task requested(Instant authoredOn) {
		Task task = ReferralTaskRulesTest.referral(TaskStatus.REQUESTED);
		task.setAuthoredOn(Date.from(authoredOn));
		return task;
	}

	@Test
	void aHolidayDoesNotCountTowardsTheEscalationPeriod() {
		Task task = requested(Instant.parse("2026-11-25T15:00:00Z")); // Wednesday before Thanksgiving, 10:00

		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-27T16:00:00Z"), 2, NEW_YORK)).isFalse(); // Friday
		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-30T14:59:00Z"), 2, NEW_YORK)).isFalse();
		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-30T15:01:00Z"), 2, NEW_YORK)).isTrue(); // Monday 10:01
	}

	@Test
	void requestedReferralIsOverdueOnlyAfterTheBusinessDaysHavePassed() {
		Task task = requested(FRIDAY);

		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-23T20:00:00Z"), 2, NEW_YORK)).isFalse(); // Monday
		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-24T14:59:00Z"), 2, NEW_YORK)).isFalse();
		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-24T15:01:00Z"), 2, NEW_YORK)).isTrue();
	}

	@Test
	void theRequestersOwnDeadlineWinsOverTheDefaultPeriod() {
		Task task = requested(FRIDAY);
		task.getRestriction().getPeriod().setEnd(Date.from(Instant.parse("2026-11-20T20:00:00Z")));

		assertThat(EscalationRule.isOverdue(task, Instant.parse("2026-11-20T21:00:00Z"), 2, NEW_YORK)).isTrue();
	}

	@Test
	void answeredReferralsAreNeverOverdue() {
		Task accepted = requested(FRIDAY).setStatus(TaskStatus.ACCEPTED);

		assertThat(EscalationRule.isOverdue(accepted, Instant.parse("2027-01-01T00:00:00Z"), 2, NEW_YORK)).isFalse();
	}
}
