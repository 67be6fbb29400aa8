package org.sdoh.hub.directory.hsds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.HealthcareService.DaysOfWeek;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.sdoh.hub.directory.Freshness;

/**
 * Maps an HSDS 3.x data package to FHIR directory resources. Every HSDS id becomes the FHIR id (so
 * re-importing updates the same resources) and an identifier in {@value Hsds#IDENTIFIER_BASE}{table}.
 * A row that cannot be mapped is left out with the reason; the README lists the mapping.
 */
public final class HsdsToFhir {

	/** HSDS ids become FHIR ids, so they must be valid ones. */
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	/** The result: resources in the order they can be stored (organizations, locations, services). */
	public record Mapped(List<Organization> organizations, List<Location> locations, List<HealthcareService> services,
			List<RejectedRecord> rejected) {

		public int size() {
			return organizations.size() + locations.size() + services.size();
		}
	}

	private final HsdsDataPackage data;
	private final Predicate<String> organizationExists;
	private final List<RejectedRecord> rejected = new ArrayList<>();
	private final Map<String, Organization> organizations = new HashMap<>();
	private final Map<String, Location> locations = new HashMap<>();
	private final Map<String, HealthcareService> services = new HashMap<>();
	private final Map<String, Boolean> storedOrganizations = new HashMap<>();

	/** {@code organizationExists} answers for organization ids not in the package (already stored ones). */
	private HsdsToFhir(HsdsDataPackage data, Predicate<String> organizationExists) {
		this.data = data;
		this.organizationExists = organizationExists;
	}

	public static Mapped map(HsdsDataPackage data, Predicate<String> organizationExists) {
		return new HsdsToFhir(data, organizationExists).map();
	}

	private Mapped map() {
		data.table("organization").forEach(this::organization);
		data.table("location").forEach(this::location);
		data.table("service").forEach(this::service);
		data.table("address").forEach(this::address);
		data.table("phone").forEach(this::phone);
		data.table("language").forEach(this::language);
		data.table("schedule").forEach(this::schedule);
		data.table("service_at_location").forEach(this::serviceAtLocation);
		Map<String, JsonNode> terms = new HashMap<>();
		data.table("taxonomy_term").forEach(term -> terms.put(text(term, "id"), term));
		data.table("attribute").forEach(attribute -> attribute(attribute, terms));
		return new Mapped(List.copyOf(organizations.values()), List.copyOf(locations.values()), List.copyOf(services.values()),
				List.copyOf(rejected));
	}

	private void organization(ObjectNode row) {
		String id = validId("organization", row);
		if (id == null || !required("organization", row, "name")) {
			return;
		}
		Organization organization = new Organization().setName(text(row, "name")).setActive(true);
		identify(organization, "organization", id, organization.getIdentifier());
		if (has(row, "alternate_name")) {
			organization.addAlias(text(row, "alternate_name"));
		}
		contact(organization.getTelecom(), ContactPointSystem.EMAIL, text(row, "email"));
		contact(organization.getTelecom(), ContactPointSystem.URL, text(row, "website"));
		organizations.put(id, organization);
	}

	private void location(ObjectNode row) {
		String id = validId("location", row);
		if (id == null) {
			return;
		}
		Location location = new Location().setName(text(row, "name")).setDescription(text(row, "description"));
		identify(location, "location", id, location.getIdentifier());
		if (has(row, "alternate_name")) {
			location.addAlias(text(row, "alternate_name"));
		}
		if (has(row, "latitude") || has(row, "longitude")) {
			Double lat = number(row, "latitude");
			Double lon = number(row, "longitude");
			if (lat == null || lon == null || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
				reject("location", id, "latitude/longitude must both be decimal degrees within range, got "
						+ row.path("latitude") + ", " + row.path("longitude"));
				return;
			}
			location.getPosition().setLatitude(lat).setLongitude(lon);
		}
		if (has(row, "organization_id")) {
			if (!knownOrganization(text(row, "organization_id"))) {
				reject("location", id, "organization_id " + text(row, "organization_id") + " is neither in the package nor stored");
				return;
			}
			location.setManagingOrganization(new Reference("Organization/" + text(row, "organization_id")));
		}
		locations.put(id, location);
	}

	private void service(ObjectNode row) {
		String id = validId("service", row);
		if (id == null || !required("service", row, "name") || !required("service", row, "organization_id")) {
			return;
		}
		String organization = text(row, "organization_id");
		if (!knownOrganization(organization)) {
			reject("service", id, "organization_id " + organization + " is neither in the package nor stored");
			return;
		}
		HealthcareService service = new HealthcareService().setName(text(row, "name"));
		identify(service, "service", id, service.getIdentifier());
		service.setProvidedBy(new Reference("Organization/" + organization));
		service.setActive(!has(row, "status") || "active".equals(text(row, "status")));
		service.setComment(text(row, "description"));
		service.setExtraDetails(text(row, "application_process"));
		contact(service.getTelecom(), ContactPointSystem.URL, text(row, "url"));
		contact(service.getTelecom(), ContactPointSystem.EMAIL, text(row, "email"));
		if (has(row, "eligibility_description")) {
			service.addEligibility().setComment(text(row, "eligibility_description"));
		}
		if (has(row, "fees_description")) {
			service.addServiceProvisionCode(new CodeableConcept().setText(text(row, "fees_description")));
		}
		if (has(row, "assured_date")) {
			try {
				Freshness.markVerified(service, LocalDate.parse(text(row, "assured_date")).atStartOfDay().toInstant(ZoneOffset.UTC),
						has(row, "assurer_email") ? new Reference().setDisplay(text(row, "assurer_email")) : null);
			} catch (DateTimeParseException e) {
				reject("service", id, "assured_date must be a date (YYYY-MM-DD), got " + text(row, "assured_date"));
				return;
			}
		}
		services.put(id, service);
	}

	private void address(ObjectNode row) {
		Location location = locations.get(text(row, "location_id"));
		if (location == null) {
			reject("address", text(row, "id"), "location_id " + text(row, "location_id") + " is not an imported location");
			return;
		}
		Address address = "postal".equals(text(row, "address_type")) ? new Address().setType(Address.AddressType.POSTAL)
				: new Address().setType(Address.AddressType.PHYSICAL);
		if (has(row, "address_1")) {
			address.addLine(text(row, "address_1"));
		}
		if (has(row, "address_2")) {
			address.addLine(text(row, "address_2"));
		}
		address.setCity(text(row, "city")).setDistrict(text(row, "region")).setState(text(row, "state_province"))
				.setPostalCode(text(row, "postal_code")).setCountry(text(row, "country"));
		if (!location.hasAddress() || address.getType() == Address.AddressType.PHYSICAL) {
			location.setAddress(address); // FHIR Location has one address: the physical one wins
		}
	}

	private void phone(ObjectNode row) {
		String number = text(row, "number");
		if (number == null) {
			reject("phone", text(row, "id"), "number is required");
			return;
		}
		List<ContactPoint> telecom = has(row, "service_id") && services.containsKey(text(row, "service_id"))
				? services.get(text(row, "service_id")).getTelecom()
				: has(row, "location_id") && locations.containsKey(text(row, "location_id"))
						? locations.get(text(row, "location_id")).getTelecom()
						: has(row, "organization_id") && organizations.containsKey(text(row, "organization_id"))
								? organizations.get(text(row, "organization_id")).getTelecom()
								: null;
		if (telecom == null) {
			reject("phone", text(row, "id"), "belongs to no imported service, location or organization");
			return;
		}
		contact(telecom, ContactPointSystem.PHONE, has(row, "extension") ? number + " ext. " + text(row, "extension") : number);
	}

	private void language(ObjectNode row) {
		HealthcareService service = services.get(text(row, "service_id"));
		if (service == null || !has(row, "code")) {
			reject("language", text(row, "id"), service == null ? "service_id is not an imported service" : "code (BCP-47) is required");
			return;
		}
		service.addCommunication(new CodeableConcept(new Coding(Hsds.LANGUAGE_SYSTEM, text(row, "code"), null)).setText(text(row, "name")));
	}

	/** Weekly opening hours (freq WEEKLY or absent, byday, opens_at, closes_at); other recurrences are not mapped. */
	private void schedule(ObjectNode row) {
		HealthcareService service = services.get(text(row, "service_id"));
		String id = text(row, "id");
		if (service == null) {
			reject("schedule", id, "service_id is not an imported service");
			return;
		}
		if (has(row, "freq") && !"WEEKLY".equalsIgnoreCase(text(row, "freq"))) {
			reject("schedule", id, "only weekly schedules are mapped, got freq " + text(row, "freq"));
			return;
		}
		HealthcareService.HealthcareServiceAvailableTimeComponent hours = new HealthcareService.HealthcareServiceAvailableTimeComponent();
		try {
			for (String day : has(row, "byday") ? text(row, "byday").split(",") : new String[0]) {
				hours.addDaysOfWeek(Hsds.dayOf(day.trim()));
			}
			if (has(row, "opens_at") && has(row, "closes_at")) {
				hours.setAvailableStartTime(Hsds.fhirTime(text(row, "opens_at"))).setAvailableEndTime(Hsds.fhirTime(text(row, "closes_at")));
			} else {
				hours.setAllDay(true);
			}
		} catch (IllegalArgumentException | DateTimeParseException e) {
			reject("schedule", id, "byday must be MO..SU and opens_at/closes_at times (HH:MM), got "
					+ row.path("byday") + " " + row.path("opens_at") + "-" + row.path("closes_at"));
			return;
		}
		service.addAvailableTime(hours);
	}

	private void serviceAtLocation(ObjectNode row) {
		HealthcareService service = services.get(text(row, "service_id"));
		String location = text(row, "location_id");
		if (service == null || !locations.containsKey(location)) {
			reject("service_at_location", text(row, "id"), "service_id and location_id must both be imported");
			return;
		}
		service.addLocation(new Reference("Location/" + location));
	}

	/** Taxonomy terms attached to a service become HealthcareService.type codings. */
	private void attribute(ObjectNode row, Map<String, JsonNode> terms) {
		HealthcareService service = services.get(text(row, "link_id"));
		JsonNode term = terms.get(text(row, "taxonomy_term_id"));
		if (service == null || term == null || !has(term, "code")) {
			reject("attribute", text(row, "id"), "must link an imported service to a taxonomy_term with a code");
			return;
		}
		service.addType(new CodeableConcept(new Coding(Hsds.taxonomySystem(text(term, "taxonomy")), text(term, "code"), text(term, "name"))));
	}

	/** Each stored organization is looked up once, not once per service or location that names it. */
	private boolean knownOrganization(String id) {
		return organizations.containsKey(id) || storedOrganizations.computeIfAbsent(id, organizationExists::test);
	}

	private String validId(String table, ObjectNode row) {
		String id = text(row, "id");
		if (id == null || !FHIR_ID.matcher(id).matches()) {
			reject(table, id, "id must be 1-64 letters, digits, '-' or '.' (HSDS ids are UUIDs), got '" + id + "'");
			return null;
		}
		return id;
	}

	private boolean required(String table, ObjectNode row, String field) {
		if (!has(row, field)) {
			reject(table, text(row, "id"), field + " is required");
			return false;
		}
		return true;
	}

	private void reject(String table, String id, String reason) {
		rejected.add(new RejectedRecord(table, id, reason));
	}

	private static void identify(DomainResource resource, String table, String id, List<Identifier> identifiers) {
		resource.setId(id);
		identifiers.add(new Identifier().setSystem(Hsds.IDENTIFIER_BASE + table).setValue(id));
	}

	private static void contact(List<ContactPoint> telecom, ContactPointSystem system, String value) {
		if (value != null) {
			telecom.add(new ContactPoint().setSystem(system).setValue(value));
		}
	}

	static boolean has(JsonNode row, String field) {
		return text(row, field) != null;
	}

	static String text(JsonNode row, String field) {
		JsonNode value = row.get(field);
		return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
	}

	private static Double number(JsonNode row, String field) {
		try {
			return has(row, field) ? Double.valueOf(text(row, field)) : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}
}
