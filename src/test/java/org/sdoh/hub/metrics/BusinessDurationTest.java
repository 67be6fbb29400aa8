package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDurationTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static Instant ny(String local) {
		return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
	}

	@ParameterizedTest(name = "{0} -> {1}: {2} h, {3} business days")
	@CsvSource({
		// within one weekday
		"2020-01-06T09:00, 2020-01-06T13:00, 4, 0.16666667",
		// Monday to Tuesday
		"2020-01-06T09:00, 2020-01-07T09:00, 24, 1",
		// Friday 17:00 to Monday 09:00: 7 + 9 weekday hours
		"2020-01-10T17:00, 2020-01-13T09:00, 64, 0.66666667",
		// a whole weekend and nothing else
		"2020-01-11T00:00, 2020-01-13T00:00, 48, 0",
		// Saturday noon to Saturday evening
		"2020-01-11T12:00, 2020-01-11T18:00, 6, 0",
		// Wednesday 09:00 to next Monday 09:00: 15 + 24 + 24 + 9
		"2020-01-08T09:00, 2020-01-13T09:00, 120, 3",
		// two full weeks
		"2020-01-06T00:00, 2020-01-20T00:00, 336, 10",
		// across the spring-forward night (Sunday 2020-03-08 has 23 hours; it is a weekend day)
		"2020-03-06T12:00, 2020-03-09T12:00, 71, 1",
		// the end before the start counts as no time
		"2020-01-07T09:00, 2020-01-06T09:00, -24, 0"
	})
	void businessDaysAreWeekdayHoursInTheZoneOver24(String from, String to, double hours, double businessDays) {
		assertThat(BusinessDuration.hours(ny(from), ny(to))).isEqualTo(hours);
		assertThat(BusinessDuration.businessDays(ny(from), ny(to), NEW_YORK)).isCloseTo(businessDays, within(1e-6));
	}
}
