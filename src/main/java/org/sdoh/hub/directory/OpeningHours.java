package org.sdoh.hub.directory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.HealthcareService.DaysOfWeek;
import org.hl7.fhir.r4.model.HealthcareService.HealthcareServiceAvailableTimeComponent;
import org.hl7.fhir.r4.model.HealthcareService.HealthcareServiceNotAvailableComponent;

/**
 * Whether a service is open at a moment, from HealthcareService.availableTime (weekly hours, read
 * as local times of the asked moment's zone) and notAvailable (closures such as holidays). A service
 * that publishes no hours is not known to be open, so it does not match.
 */
public final class OpeningHours {

	private OpeningHours() {}

	public static boolean isOpenAt(HealthcareService service, ZonedDateTime moment) {
		if (closedBy(service, moment)) {
			return false;
		}
		return service.getAvailableTime().stream().anyMatch(hours -> covers(hours, moment));
	}

	private static boolean closedBy(HealthcareService service, ZonedDateTime moment) {
		Date instant = Date.from(moment.toInstant());
		for (HealthcareServiceNotAvailableComponent closure : service.getNotAvailable()) {
			Date start = closure.getDuring().getStart();
			Date end = closure.getDuring().getEnd();
			if ((start != null || end != null)
					&& (start == null || !instant.before(start)) && (end == null || !instant.after(end))) {
				return true;
			}
		}
		return false;
	}

	private static boolean covers(HealthcareServiceAvailableTimeComponent hours, ZonedDateTime moment) {
		if (!hours.getDaysOfWeek().isEmpty()
				&& hours.getDaysOfWeek().stream().noneMatch(day -> sameDay(day.getValue(), moment.getDayOfWeek()))) {
			return false;
		}
		if (hours.getAllDay()) {
			return true;
		}
		if (!hours.hasAvailableStartTime() || !hours.hasAvailableEndTime()) {
			return false;
		}
		LocalTime time = moment.toLocalTime();
		LocalTime opens = LocalTime.parse(hours.getAvailableStartTime());
		LocalTime closes = LocalTime.parse(hours.getAvailableEndTime());
		return !time.isBefore(opens) && time.isBefore(closes);
	}

	private static boolean sameDay(DaysOfWeek day, DayOfWeek dayOfWeek) {
		return day != null && day.ordinal() == dayOfWeek.ordinal();
	}
}
