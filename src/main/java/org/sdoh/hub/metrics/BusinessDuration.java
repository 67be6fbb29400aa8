package org.sdoh.hub.metrics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * How long a referral waited, in the two units partnerships talk in: elapsed hours, and business
 * days, i.e. the elapsed time that fell on Monday to Friday in the deployment's time zone divided
 * by 24 hours (a referral sent Friday 17:00 and accepted Monday 09:00 waited 64 hours but 16/24
 * business days). Public holidays are not known, as for the escalation rule.
 */
public final class BusinessDuration {

	private static final double SECONDS_PER_HOUR = 3600.0;
	private static final double SECONDS_PER_DAY = 86_400.0;

	private BusinessDuration() {}

	public static double hours(Instant from, Instant to) {
		return Duration.between(from, to).toSeconds() / SECONDS_PER_HOUR;
	}

	public static double businessDays(Instant from, Instant to, ZoneId zone) {
		if (!to.isAfter(from)) {
			return 0;
		}
		long weekdaySeconds = 0;
		ZonedDateTime cursor = from.atZone(zone);
		ZonedDateTime end = to.atZone(zone);
		while (cursor.isBefore(end)) {
			ZonedDateTime nextDay = cursor.toLocalDate().plusDays(1).atStartOfDay(zone);
			ZonedDateTime segmentEnd = nextDay.isBefore(end) ? nextDay : end;
			if (cursor.getDayOfWeek() != DayOfWeek.SATURDAY && cursor.getDayOfWeek() != DayOfWeek.SUNDAY) {
				weekdaySeconds += Duration.between(cursor, segmentEnd).toSeconds();
			}
			cursor = segmentEnd;
		}
		return weekdaySeconds / SECONDS_PER_DAY;
	}
}
