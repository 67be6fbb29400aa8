package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the federal holiday lists the US Office of Personnel Management publishes per year. */
class UsFederalHolidaysTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"2019 | 2019-01-01 2019-01-21 2019-02-18 2019-05-27 2019-07-04 2019-09-02 2019-10-14 2019-11-11 2019-11-28 2019-12-25",
		// Independence Day on a Saturday: Friday 07-03
		"2020 | 2020-01-01 2020-01-20 2020-02-17 2020-05-25 2020-07-03 2020-09-07 2020-10-12 2020-11-11 2020-11-26 2020-12-25",
		// first Juneteenth (a Saturday: Friday 06-18), Independence Day on a Sunday: Monday 07-05, Christmas and
		// the next New Year's Day on Saturdays: Fridays 12-24 and 12-31
		"2021 | 2021-01-01 2021-01-18 2021-02-15 2021-05-31 2021-06-18 2021-07-05 2021-09-06 2021-10-11 2021-11-11 2021-11-25 2021-12-24 2021-12-31",
		// New Year's Day 2022 was observed in 2021; Juneteenth on a Sunday: Monday 06-20; Christmas on a Sunday: Monday 12-26
		"2022 | 2022-01-17 2022-02-21 2022-05-30 2022-06-20 2022-07-04 2022-09-05 2022-10-10 2022-11-11 2022-11-24 2022-12-26",
		// New Year's Day on a Sunday: Monday 01-02; Veterans Day on a Saturday: Friday 11-10
		"2023 | 2023-01-02 2023-01-16 2023-02-20 2023-05-29 2023-06-19 2023-07-04 2023-09-04 2023-10-09 2023-11-10 2023-11-23 2023-12-25",
		"2024 | 2024-01-01 2024-01-15 2024-02-19 2024-05-27 2024-06-19 2024-07-04 2024-09-02 2024-10-14 2024-11-11 2024-11-28 2024-12-25",
		"2025 | 2025-01-01 2025-01-20 2025-02-17 2025-05-26 2025-06-19 2025-07-04 2025-09-01 2025-10-13 2025-11-11 2025-11-27 2025-12-25",
		// Independence Day on a Saturday: Friday 07-03
		"2026 | 2026-01-01 2026-01-19 2026-02-16 2026-05-25 2026-06-19 2026-07-03 2026-09-07 2026-10-12 2026-11-11 2026-11-26 2026-12-25",
		// Juneteenth on a Saturday: Friday 06-18; Christmas and the next New Year's Day on Saturdays: Fridays 12-24 and 12-31
		"2027 | 2027-01-01 2027-01-18 2027-02-15 2027-05-31 2027-06-18 2027-07-05 2027-09-06 2027-10-11 2027-11-11 2027-11-25 2027-12-24 2027-12-31",
		// before Juneteenth and Martin Luther King Jr. Day existed
		"1985 | 1985-01-01 1985-02-18 1985-05-27 1985-07-04 1985-09-02 1985-10-14 1985-11-11 1985-11-28 1985-12-25"
	})
	void observedHolidaysAreThoseOfficesCloseOn(int year, String dates) {
		List<LocalDate> expected = Arrays.stream(dates.split(" ")).map(LocalDate::parse).toList();

		assertThat(UsFederalHolidays.observedIn(year)).containsExactlyElementsOf(expected);
		IntStream.rangeClosed(0, 365).mapToObj(d -> LocalDate.of(year, 1, 1).plusDays(d)).filter(d -> d.getYear() == year)
				.forEach(day -> assertThat(UsFederalHolidays.isObserved(day)).as(day.toString()).isEqualTo(expected.contains(day)));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = {1990, 2000, 2010, 2030, 2040, 2050, 2100})
	void everyYearHasItsHolidaysOnWeekdays(int year) {
		var observed = UsFederalHolidays.observedIn(year);

		assertThat(observed).allSatisfy(day -> assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
		// ten holidays (eleven with Juneteenth), New Year's Day observed in the year before when it is a Saturday
		boolean newYearObservedBefore = LocalDate.of(year, 1, 1).getDayOfWeek() == DayOfWeek.SATURDAY;
		boolean nextNewYearObservedNow = LocalDate.of(year + 1, 1, 1).getDayOfWeek() == DayOfWeek.SATURDAY;
		assertThat(observed).hasSize((year >= 2021 ? 11 : 10) - (newYearObservedBefore ? 1 : 0) + (nextNewYearObservedNow ? 1 : 0));
	}
}
