package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class EscalationRuleTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	/** Friday 2026-11-20 10:00 in New York. */
	private static final Instant FRIDAY = Instant.parse("2026-11-20T15:00:00Z");

	private static Task requested(Instant authoredOn) {
		Task task = ReferralTaskRulesTest.referral(TaskStatus.REQUESTED);
		task.setAuthoredOn(Date.from(authoredOn));
		return task;
	}

	@Test
	void twoBusinessDaysFromFridaySkipTheWeekend() {
		assertThat(EscalationRule.addBusinessDays(FRIDAY, 2, NEW_YORK)).isEqualTo(Instant.parse("2026-11-24T15:00:00Z"));
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
