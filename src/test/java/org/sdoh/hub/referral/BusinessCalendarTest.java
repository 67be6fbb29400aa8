package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	private static final BusinessCalendar WEEKDAYS = BusinessCalendar.weekdays(NEW_YORK);
	private static final BusinessCalendar FEDERAL = new BusinessCalendar(NEW_YORK, true, Set.of());

	private static Instant ny(String local) {
		return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
	}

	@ParameterizedTest(name = "{0} -> {1}: {2} business days")
	@CsvSource({
		// within one weekday
		"2020-01-06T09:00, 2020-01-06T13:00, 0.16666667",
		// Monday to Tuesday
		"2020-01-06T09:00, 2020-01-07T09:00, 1",
		// Friday 17:00 to Monday 09:00: 7 + 9 weekday hours
		"2020-01-10T17:00, 2020-01-13T09:00, 0.66666667",
		// a whole weekend and nothing else
		"2020-01-11T00:00, 2020-01-13T00:00, 0",
		// Saturday noon to Saturday evening
		"2020-01-11T12:00, 2020-01-11T18:00, 0",
		// Wednesday 09:00 to next Monday 09:00: 15 + 24 + 24 + 9
		"2020-01-08T09:00, 2020-01-13T09:00, 3",
		// two full weeks
		"2020-01-06T00:00, 2020-01-20T00:00, 10",
		// across the spring-forward night (Sunday 2020-03-08 has 23 hours; it is a weekend day)
		"2020-03-06T12:00, 2020-03-09T12:00, 1",
		// the end before the start counts as no time
		"2020-01-07T09:00, 2020-01-06T09:00, 0"
	})
	void businessDaysAreWeekdayHoursInTheZoneOver24(String from, String to, double businessDays) {
		assertThat(WEEKDAYS.businessDays(ny(from), ny(to))).isCloseTo(businessDays, within(1e-6));
		// none of these spans touches a federal holiday
		assertThat(FEDERAL.businessDays(ny(from), ny(to))).isCloseTo(businessDays, within(1e-6));
	}

	@ParameterizedTest(name = "{0} -> {1}: {2} weekdays, {3} business days with federal holidays")
	@CsvSource({
		// Friday 17:00 before Martin Luther King Jr. Day (Monday 2020-01-20) to Tuesday 09:00: 7 h + 9 h
		"2020-01-17T17:00, 2020-01-21T09:00, 1.66666667, 0.66666667",
		// inside the holiday only
		"2020-01-20T09:00, 2020-01-20T17:00, 0.33333333, 0",
		// Wednesday before Thanksgiving 2026 to the Monday after: Wed 15 h, Thu holiday, Fri 24 h, Mon 9 h
		"2026-11-25T09:00, 2026-11-30T09:00, 3, 2",
		// Christmas 2021 (Saturday) was observed on Friday 2021-12-24, New Year 2022 (Saturday) on Friday 2021-12-31
		"2021-12-23T00:00, 2022-01-03T00:00, 7, 5"
	})
	void federalHolidaysAsObservedAreNoBusinessDays(String from, String to, double weekdays, double withHolidays) {
		assertThat(WEEKDAYS.businessDays(ny(from), ny(to))).isCloseTo(weekdays, within(1e-6));
		assertThat(FEDERAL.businessDays(ny(from), ny(to))).isCloseTo(withHolidays, within(1e-6));
	}

	@Test
	void configuredDatesAreHolidaysToo() {
		BusinessCalendar closedOnFriday = new BusinessCalendar(NEW_YORK, false, Set.of(LocalDate.parse("2020-01-10")));

		assertThat(closedOnFriday.isBusinessDay(LocalDate.parse("2020-01-10"))).isFalse();
		assertThat(closedOnFriday.isBusinessDay(LocalDate.parse("2020-01-20"))).isTrue(); // MLK Day: federal holidays off
		// Thursday 09:00 to Monday 09:00: 15 h of Thursday, Friday closed, 9 h of Monday
		assertThat(closedOnFriday.businessDays(ny("2020-01-09T09:00"), ny("2020-01-13T09:00"))).isEqualTo(1.0);
	}

	@Test
	void theDefinitionNamesEverythingABusinessDayDependsOnInAStableOrder() {
		BusinessCalendar calendar = new BusinessCalendar(NEW_YORK, true, Set.of(LocalDate.parse("2026-12-31"), LocalDate.parse("2026-12-24")));

		assertThat(calendar.definition())
				.isEqualTo("America/New_York; US federal holidays (5 U.S.C. 6103, Juneteenth 2021); 2026-12-24,2026-12-31");
		assertThat(WEEKDAYS.definition()).isEqualTo("America/New_York; no federal holidays; ");
	}

	@ParameterizedTest(name = "{0} + {1} business days = {2}")
	@CsvSource({
		// Friday 10:00 + 2: Tuesday 10:00
		"2026-11-20T10:00, 2, 2026-11-24T10:00",
		// Wednesday before Thanksgiving + 2: Thursday is the holiday, so Friday and Monday
		"2026-11-25T10:00, 2, 2026-11-30T10:00",
		// Friday before Labor Day (2026-09-07) + 1: Tuesday
		"2026-09-04T10:00, 1, 2026-09-08T10:00",
		// a Saturday + 1: Monday
		"2026-11-21T10:00, 1, 2026-11-23T10:00",
		"2026-11-20T10:00, 0, 2026-11-20T10:00"
	})
	void addingBusinessDaysSkipsWeekendsAndHolidays(String start, int days, String expected) {
		assertThat(FEDERAL.plusBusinessDays(ny(start), days)).isEqualTo(ny(expected));
	}

	@Test
	void addingBusinessDaysKeepsTheLocalTimeAcrossTheClockChange() {
		// Friday 2026-10-30 10:00 EDT + 2 business days = Tuesday 2026-11-03 10:00 EST (one hour more than 4 x 24 h)
		Instant due = WEEKDAYS.plusBusinessDays(ny("2026-10-30T10:00"), 2);

		assertThat(due).isEqualTo(ny("2026-11-03T10:00"));
		assertThat(Duration.between(ny("2026-10-30T10:00"), due)).isEqualTo(Duration.ofHours(97));
	}
}
