package org.sdoh.hub.directory.hsds;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.HealthcareService.DaysOfWeek;

/** The vocabulary both directions of the HSDS mapping share. */
final class Hsds {

	/** HSDS ids are kept as identifiers in {@code <base><table>}, e.g. .../hsds/service. */
	static final String IDENTIFIER_BASE = "http://sdoh-referral-hub.org/fhir/hsds/";
	static final String LANGUAGE_SYSTEM = "urn:ietf:bcp:47";
	/** Taxonomies named by a plain word (not a URI) get a code system URL under this base. */
	static final String TAXONOMY_BASE = "http://sdoh-referral-hub.org/fhir/hsds/taxonomy/";
	private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");
	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

	/**
	 * HSDS 2.0 named its tables (and CSV files) in the plural; HSDS 3.0 uses the singular. Packages
	 * of both kinds exist in the field, so a resource named in the plural is read as its 3.0 table.
	 */
	private static final Map<String, String> PLURAL_TABLES = Map.ofEntries(
			Map.entry("organizations", "organization"), Map.entry("services", "service"), Map.entry("locations", "location"),
			Map.entry("services_at_location", "service_at_location"), Map.entry("service_at_locations", "service_at_location"),
			Map.entry("addresses", "address"), Map.entry("phones", "phone"), Map.entry("schedules", "schedule"),
			Map.entry("languages", "language"), Map.entry("taxonomy_terms", "taxonomy_term"), Map.entry("attributes", "attribute"));

	private Hsds() {}

	/** The HSDS 3.0 table a data package resource holds. */
	static String table(String resourceName) {
		String name = resourceName.toLowerCase(Locale.ROOT);
		return PLURAL_TABLES.getOrDefault(name, name);
	}

	/** HSDS (iCalendar) day codes MO..SU ↔ FHIR mon..sun. */
	static DaysOfWeek dayOf(String icalDay) {
		return switch (icalDay.toUpperCase(Locale.ROOT)) {
			case "MO" -> DaysOfWeek.MON;
			case "TU" -> DaysOfWeek.TUE;
			case "WE" -> DaysOfWeek.WED;
			case "TH" -> DaysOfWeek.THU;
			case "FR" -> DaysOfWeek.FRI;
			case "SA" -> DaysOfWeek.SAT;
			case "SU" -> DaysOfWeek.SUN;
			default -> throw new IllegalArgumentException("Unknown day " + icalDay);
		};
	}

	static String icalDay(DaysOfWeek day) {
		return day.toCode().substring(0, 2).toUpperCase(Locale.ROOT);
	}

	/** HSDS times are HH:MM (seconds allowed); FHIR wants HH:MM:SS. */
	static String fhirTime(String hsdsTime) {
		return LocalTime.parse(hsdsTime).format(SECONDS);
	}

	static String hsdsTime(String fhirTime) {
		return LocalTime.parse(fhirTime).format(HOURS);
	}

	static String taxonomySystem(String taxonomy) {
		if (taxonomy == null) {
			return TAXONOMY_BASE + "unnamed";
		}
		return taxonomy.contains(":") ? taxonomy : TAXONOMY_BASE + taxonomy;
	}

	static String taxonomyName(String system) {
		return system != null && system.startsWith(TAXONOMY_BASE) ? system.substring(TAXONOMY_BASE.length()) : system;
	}
}
