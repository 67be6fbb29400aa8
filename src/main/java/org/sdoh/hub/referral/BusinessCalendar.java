package org.sdoh.hub.referral;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which days are working days, in the deployment's time zone: Monday to Friday, except the US
 * federal holidays (as observed, {@link UsFederalHolidays}) when {@code usFederalHolidays} is on,
 * and except every date in {@code holidays}. The one calendar for every business-day figure: the
 * escalation deadline of an unanswered referral and the metrics' response times in business days.
 */
public record BusinessCalendar(ZoneId zone, boolean usFederalHolidays, Set<LocalDate> holidays) {

	private static final double SECONDS_PER_DAY = 86_400.0;

	public BusinessCalendar {
		holidays = Set.copyOf(holidays);
	}

	/** Weekends only, no holidays (for tests and sites that want no holidays). */
	public static BusinessCalendar weekdays(ZoneId zone) {
		return new BusinessCalendar(zone, false, Set.of());
	}

	/**
	 * What the calendar is, as text that changes whenever a business-day figure could: the zone, the
	 * federal rules' edition, the listed dates in order (stored next to figures computed with it).
	 */
	public String definition() {
		return zone.getId() + "; " + (usFederalHolidays ? UsFederalHolidays.EDITION : "no federal holidays") + "; "
				+ holidays.stream().sorted().map(LocalDate::toString).collect(Collectors.joining(","));
	}

	public boolean isBusinessDay(LocalDate day) {
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
				&& !holidays.contains(day) && !(usFederalHolidays && UsFederalHolidays.isObserved(day));
	}

	/**
	 * The elapsed time between two instants that fell on business days, divided by 24 hours: a
	 * referral sent Friday 17:00 and accepted Monday 09:00 waited 64 hours but 16/24 business days
	 * (7 hours of Friday, 9 of Monday); a whole holiday in between adds nothing. No time for an end
	 * before the start.
	 */
	public double businessDays(Instant from, Instant to) {
		long businessSeconds = 0;
		ZonedDateTime cursor = from.atZone(zone);
		ZonedDateTime end = to.atZone(zone);
		while (cursor.isBefore(end)) {
			ZonedDateTime nextDay = cursor.toLocalDate().plusDays(1).atStartOfDay(zone);
			ZonedDateTime segmentEnd = nextDay.isBefore(end) ? nextDay : end;
			if (isBusinessDay(cursor.toLocalDate())) {
				businessSeconds += Duration.between(cursor, segmentEnd).toSeconds();
			}
			cursor = segmentEnd;
		}
		return businessSeconds / SECONDS_PER_DAY;
	}

	/**
	 * The same local time {@code days} business days later: each step goes to the next calendar
	 * day and counts it only if it is a business day (two business days after Friday 10:00 before a
	 * Monday holiday is Wednesday 10:00).
	 */
	public Instant plusBusinessDays(Instant start, int days) {
		ZonedDateTime time = start.atZone(zone);
		int added = 0;
		while (added < days) {
			time = time.plusDays(1);
			if (isBusinessDay(time.toLocalDate())) {
				added++;
			}
		}
		return time.toInstant();
	}
}
