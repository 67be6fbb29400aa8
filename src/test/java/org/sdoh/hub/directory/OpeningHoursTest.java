package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.Date;
import org.hl7.fhir.r4.model.HealthcareService.DaysOfWeek;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpeningHoursTest {

	/** Weekdays 09:00–17:00, Saturdays all day, closed for the Thanksgiving day 2026-11-26 (New York time). */
	private static HealthcareService pantry() {
		HealthcareService service = new HealthcareService();
		service.addAvailableTime().setAvailableStartTime("09:00:00").setAvailableEndTime("17:00:00")
				.addDaysOfWeek(DaysOfWeek.MON).addDaysOfWeek(DaysOfWeek.TUE).addDaysOfWeek(DaysOfWeek.WED)
				.addDaysOfWeek(DaysOfWeek.THU).addDaysOfWeek(DaysOfWeek.FRI);
		service.addAvailableTime().setAllDay(true).addDaysOfWeek(DaysOfWeek.SAT);
		service.addNotAvailable().setDescription("Thanksgiving").setDuring(new Period()
				.setStart(Date.from(ZonedDateTime.parse("2026-11-26T00:00:00-05:00").toInstant()))
				.setEnd(Date.from(ZonedDateTime.parse("2026-11-26T23:59:59-05:00").toInstant())));
		return service;
	}

	@ParameterizedTest(name = "{0} -> open {1}")
	@CsvSource({
		"2026-11-23T09:00:00-05:00, true",   // Monday, opening minute
		"2026-11-23T16:59:00-05:00, true",
		"2026-11-23T17:00:00-05:00, false",  // closing time is exclusive
		"2026-11-23T08:59:00-05:00, false",
		"2026-11-28T23:30:00-05:00, true",   // Saturday, all day
		"2026-11-29T12:00:00-05:00, false",  // Sunday
		"2026-11-26T12:00:00-05:00, false",  // Thursday, but Thanksgiving closure
		"2026-11-27T12:00:00-05:00, true"
	})
	void openDuringPublishedHoursAndNotDuringClosures(String moment, boolean open) {
		assertThat(OpeningHours.isOpenAt(pantry(), ZonedDateTime.parse(moment))).isEqualTo(open);
	}

	@ParameterizedTest
	@CsvSource({"2026-11-23T10:00:00-05:00", "2026-11-28T10:00:00-05:00"})
	void aServiceWithoutPublishedHoursIsNotKnownToBeOpen(String moment) {
		assertThat(OpeningHours.isOpenAt(new HealthcareService(), ZonedDateTime.parse(moment))).isFalse();
	}

	@ParameterizedTest
	@CsvSource({"2026-11-23T03:00:00-05:00, true", "2026-11-29T03:00:00-05:00, true"})
	void hoursWithoutDaysApplyEveryDay(String moment, boolean open) {
		HealthcareService hotline = new HealthcareService();
		hotline.addAvailableTime().setAllDay(true);

		assertThat(OpeningHours.isOpenAt(hotline, ZonedDateTime.parse(moment))).isEqualTo(open);
	}
}
