package org.sdoh.hub.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The US federal holidays (5 U.S.C. 6103) as the days federal offices close: a holiday on a
 * Saturday is observed the Friday before, one on a Sunday the Monday after (so New Year's Day 2022,
 * a Saturday, closed offices on Friday 2021-12-31). Computed by rule, so no list has to be renewed
 * each year: Martin Luther King Jr. Day from 1986 and Juneteenth from 2021, as enacted; Inauguration
 * Day (a holiday only around Washington, D.C.) is not included.
 */
public final class UsFederalHolidays {

	/** Change it with the rules: business days stored with an older edition are then computed again. */
	public static final String EDITION = "US federal holidays (5 U.S.C. 6103, Juneteenth 2021)";

	private static final Map<Integer, Set<LocalDate>> OBSERVED = new ConcurrentHashMap<>();

	private UsFederalHolidays() {}

	/** The days offices close in {@code year} (may include 31 December for the next New Year's Day). */
	public static Set<LocalDate> observedIn(int year) {
		return OBSERVED.computeIfAbsent(year, y -> Stream.concat(holidays(y).stream(), holidays(y + 1).stream())
				.map(UsFederalHolidays::observed)
				.filter(day -> day.getYear() == y)
				.collect(Collectors.toCollection(TreeSet::new)));
	}

	public static boolean isObserved(LocalDate day) {
		return observedIn(day.getYear()).contains(day);
	}

	/** The holidays' own dates in {@code year}, before moving weekend dates. */
	static Set<LocalDate> holidays(int year) {
		Set<LocalDate> days = new TreeSet<>();
		days.add(LocalDate.of(year, Month.JANUARY, 1));
		if (year >= 1986) {
			days.add(nth(year, Month.JANUARY, 3, DayOfWeek.MONDAY)); // Birthday of Martin Luther King, Jr.
		}
		days.add(nth(year, Month.FEBRUARY, 3, DayOfWeek.MONDAY)); // Washington's Birthday
		days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))); // Memorial Day
		if (year >= 2021) {
			days.add(LocalDate.of(year, Month.JUNE, 19)); // Juneteenth National Independence Day
		}
		days.add(LocalDate.of(year, Month.JULY, 4));
		days.add(nth(year, Month.SEPTEMBER, 1, DayOfWeek.MONDAY)); // Labor Day
		days.add(nth(year, Month.OCTOBER, 2, DayOfWeek.MONDAY)); // Columbus Day
		days.add(LocalDate.of(year, Month.NOVEMBER, 11)); // Veterans Day
		days.add(nth(year, Month.NOVEMBER, 4, DayOfWeek.THURSDAY)); // Thanksgiving Day
		days.add(LocalDate.of(year, Month.DECEMBER, 25));
		return days;
	}

	private static LocalDate nth(int year, Month month, int n, DayOfWeek day) {
		return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
	}

	private static LocalDate observed(LocalDate holiday) {
		return switch (holiday.getDayOfWeek()) {
			case SATURDAY -> holiday.minusDays(1);
			case SUNDAY -> holiday.plusDays(1);
			default -> holiday;
		};
	}
}
