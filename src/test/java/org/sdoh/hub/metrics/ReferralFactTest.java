package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.referral.BusinessCalendar;
import org.sdoh.hub.referral.ReferralEscalation;

class ReferralFactTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	private static final BusinessCalendar CALENDAR = new BusinessCalendar(NEW_YORK, true, Set.of());
	private static final ReferralParties PARTIES = new ReferralParties("Organization/cbo", "Organization/clinic", "food-insecurity");

	private static Instant ny(String local) {
		return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
	}

	private static Task task(TaskStatus status) {
		Task task = new Task().setStatus(status);
		task.setId("Task/t1/_history/1");
		return task;
	}

	private static ReferralFact step(ReferralFact previous, Task task, String at) {
		return ReferralFact.advance(previous, task, PARTIES, ny(at), CALENDAR);
	}

	@Test
	void eachMilestoneIsTheTimeOfTheFirstVersionThatReachedIt() {
		ReferralFact sent = step(null, task(TaskStatus.REQUESTED), "2020-01-10T17:00");
		ReferralFact accepted = step(sent, task(TaskStatus.ACCEPTED), "2020-01-13T09:00");
		ReferralFact working = step(accepted, task(TaskStatus.INPROGRESS), "2020-01-14T09:00");
		Task done = task(TaskStatus.COMPLETED);
		done.addOutput().setValue(new Reference("Procedure/p1"));
		ReferralFact completed = step(working, done, "2020-01-15T09:00");

		assertThat(completed.taskId()).isEqualTo("t1");
		assertThat(completed.requestedAt()).isEqualTo(ny("2020-01-10T17:00"));
		assertThat(completed.acceptedAt()).isEqualTo(ny("2020-01-13T09:00"));
		assertThat(completed.closedAt()).isEqualTo(ny("2020-01-15T09:00"));
		assertThat(completed.status()).isEqualTo("completed");
		assertThat(completed.closedLoop()).isTrue();
		assertThat(completed.acceptHours()).isEqualTo(64.0);
		assertThat(completed.acceptBusinessDays()).isEqualTo(16 / 24.0);
		assertThat(completed.acceptBand()).isEqualTo("0-1");
		assertThat(completed.completeHours()).isEqualTo(48.0);
		assertThat(completed.completeBusinessDays()).isEqualTo(2.0);
		assertThat(completed.requestedMonth()).isEqualTo("2020-01");
		assertThat(completed.requestedWeek()).isEqualTo("2020-W02");
	}

	@Test
	void aDraftIsNotYetSent() {
		ReferralFact draft = step(null, task(TaskStatus.DRAFT), "2020-01-06T09:00");
		ReferralFact sent = step(draft, task(TaskStatus.REQUESTED), "2020-01-07T09:00");

		assertThat(draft.requestedAt()).isNull();
		assertThat(draft.requestedMonth()).isNull();
		assertThat(sent.requestedAt()).isEqualTo(ny("2020-01-07T09:00"));
	}

	@Test
	void aReferralImportedAlreadyCompletedHasAllMilestonesAtItsFirstVersion() {
		Task imported = task(TaskStatus.COMPLETED);
		imported.addOutput().setValue(new org.hl7.fhir.r4.model.StringType("Food box delivered"));
		ReferralFact fact = step(null, imported, "2020-01-06T09:00");

		assertThat(fact.requestedAt()).isEqualTo(fact.acceptedAt()).isEqualTo(fact.closedAt()).isEqualTo(ny("2020-01-06T09:00"));
		assertThat(fact.acceptHours()).isZero();
		assertThat(fact.closedLoop()).isTrue();
	}

	@Test
	void aRejectionKeepsItsCodedReasonAndHasNoResponseTimes() {
		Task rejected = task(TaskStatus.REJECTED);
		rejected.getStatusReason().setText("No capacity this month").addCoding()
				.setSystem("http://sdoh-referral-hub.org/fhir/CodeSystem/referral-status-reason").setCode("at-capacity");
		ReferralFact fact = step(step(null, task(TaskStatus.REQUESTED), "2020-01-06T09:00"), rejected, "2020-01-06T10:00");

		assertThat(fact.reason()).isEqualTo("at-capacity");
		assertThat(fact.closedAt()).isEqualTo(ny("2020-01-06T10:00"));
		assertThat(fact.acceptedAt()).isNull();
		assertThat(fact.acceptHours()).isNull();
		assertThat(fact.acceptBand()).isNull();
		assertThat(fact.completeHours()).isNull();
		assertThat(fact.closedLoop()).isFalse();
	}

	@Test
	void aReasonWithoutCodeIsItsText() {
		Task cancelled = task(TaskStatus.CANCELLED);
		cancelled.getStatusReason().setText("Client moved away");

		assertThat(step(null, cancelled, "2020-01-06T10:00").reason()).isEqualTo("Client moved away");
	}

	@Test
	void aCompletionWithoutOutputDoesNotCloseTheLoop() {
		ReferralFact accepted = step(step(null, task(TaskStatus.REQUESTED), "2020-01-06T09:00"), task(TaskStatus.ACCEPTED), "2020-01-06T10:00");

		assertThat(step(accepted, task(TaskStatus.COMPLETED), "2020-01-07T10:00").closedLoop()).isFalse();
	}

	@Test
	void anOverdueFlagStaysOnceSetEvenWhenTheReferralIsAnsweredLater() {
		Task flagged = task(TaskStatus.REQUESTED);
		flagged.getBusinessStatus().addCoding().setSystem(ReferralEscalation.SYSTEM).setCode(ReferralEscalation.OVERDUE);
		ReferralFact overdue = step(step(null, task(TaskStatus.REQUESTED), "2020-01-06T09:00"), flagged, "2020-01-09T09:00");
		ReferralFact answered = step(overdue, task(TaskStatus.ACCEPTED), "2020-01-10T09:00");

		assertThat(overdue.overdue()).isTrue();
		assertThat(answered.overdue()).isTrue();
		assertThat(answered.acceptBand()).isEqualTo("2-5");
	}

	@Test
	void responseBandsAreBusinessDayRanges() {
		ReferralFact sent = step(null, task(TaskStatus.REQUESTED), "2020-01-06T09:00");

		assertThat(step(sent, task(TaskStatus.ACCEPTED), "2020-01-07T08:59").acceptBand()).isEqualTo("0-1");
		assertThat(step(sent, task(TaskStatus.ACCEPTED), "2020-01-07T09:00").acceptBand()).isEqualTo("1-2");
		assertThat(step(sent, task(TaskStatus.ACCEPTED), "2020-01-08T09:00").acceptBand()).isEqualTo("2-5");
		assertThat(step(sent, task(TaskStatus.ACCEPTED), "2020-01-13T09:00").acceptBand()).isEqualTo("5+");
	}

	@Test
	void aHolidayIsNoBusinessDayInResponseTimes() {
		// Friday 09:00 to Tuesday 09:00 over Martin Luther King Jr. Day (Monday 2020-01-20): 15 h of Friday, 9 of Tuesday
		ReferralFact accepted = step(step(null, task(TaskStatus.REQUESTED), "2020-01-17T09:00"), task(TaskStatus.ACCEPTED), "2020-01-21T09:00");

		assertThat(accepted.acceptHours()).isEqualTo(96.0);
		assertThat(accepted.acceptBusinessDays()).isEqualTo(1.0);
		assertThat(accepted.acceptBand()).isEqualTo("1-2"); // 2-5 if the holiday counted
	}

	@Test
	void weeksAreIsoWeeksOfTheDeploymentTimeZone() {
		// Sunday 2021-01-03 23:00 in New York is Monday in UTC; ISO week 2020-W53 there
		assertThat(step(null, task(TaskStatus.REQUESTED), "2021-01-03T23:00").requestedWeek()).isEqualTo("2020-W53");
		assertThat(step(null, task(TaskStatus.REQUESTED), "2021-01-03T23:00").requestedMonth()).isEqualTo("2021-01");
	}

	@Test
	void emptyPartiesAreUnspecified() {
		assertThat(new ReferralParties(null, " ", null)).isEqualTo(new ReferralParties("unspecified", "unspecified", "unspecified"));
	}
}
