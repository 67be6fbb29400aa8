package org.sdoh.hub.directory.hsds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.sdoh.hub.directory.Freshness;

/**
 * Writes FHIR directory resources as an HSDS 3.x data package: the inverse of {@link HsdsToFhir}
 * for every mapped field. FHIR ids become HSDS ids; rows HSDS keeps in their own tables (phones,
 * languages, schedules, ...) get ids derived from their parent, so exporting twice gives the same file.
 */
public final class FhirToHsds {

	private static final String PHONE_EXTENSION = " ext. ";

	private FhirToHsds() {}

	public static HsdsDataPackage export(Collection<Organization> organizations, Collection<Location> locations,
			Collection<HealthcareService> services) {
		HsdsDataPackage data = new HsdsDataPackage();
		organizations.forEach(organization -> organization(data, organization));
		locations.forEach(location -> location(data, location));
		Set<String> termIds = new HashSet<>();
		services.forEach(service -> service(data, service, termIds));
		return data;
	}

	private static void organization(HsdsDataPackage data, Organization organization) {
		String id = organization.getIdElement().getIdPart();
		ObjectNode row = data.addRow("organization").put("id", id).put("name", organization.getName());
		if (organization.hasAlias()) {
			row.put("alternate_name", organization.getAlias().get(0).getValue());
		}
		putContact(row, "email", organization.getTelecom(), ContactPointSystem.EMAIL);
		putContact(row, "website", organization.getTelecom(), ContactPointSystem.URL);
		phones(data, organization.getTelecom(), "organization_id", id);
	}

	private static void location(HsdsDataPackage data, Location location) {
		String id = location.getIdElement().getIdPart();
		ObjectNode row = data.addRow("location").put("id", id).put("location_type", "physical")
				.put("name", location.getName()).put("description", location.getDescription());
		if (location.hasAlias()) {
			row.put("alternate_name", location.getAlias().get(0).getValue());
		}
		if (location.hasManagingOrganization()) {
			row.put("organization_id", idOf(location.getManagingOrganization()));
		}
		if (location.hasPosition()) {
			row.put("latitude", location.getPosition().getLatitude()).put("longitude", location.getPosition().getLongitude());
		}
		if (location.hasAddress()) {
			Address address = location.getAddress();
			ObjectNode addressRow = data.addRow("address").put("id", id + "-address").put("location_id", id)
					.put("address_type", address.getType() == Address.AddressType.POSTAL ? "postal" : "physical")
					.put("city", address.getCity()).put("region", address.getDistrict())
					.put("state_province", address.getState()).put("postal_code", address.getPostalCode())
					.put("country", address.getCountry());
			if (address.getLine().size() > 0) {
				addressRow.put("address_1", address.getLine().get(0).getValue());
			}
			if (address.getLine().size() > 1) {
				addressRow.put("address_2", address.getLine().get(1).getValue());
			}
		}
		phones(data, location.getTelecom(), "location_id", id);
	}

	private static void service(HsdsDataPackage data, HealthcareService service, Set<String> termIds) {
		String id = service.getIdElement().getIdPart();
		ObjectNode row = data.addRow("service").put("id", id).put("organization_id", idOf(service.getProvidedBy()))
				.put("name", service.getName()).put("description", service.getComment())
				.put("status", service.getActive() ? "active" : "inactive")
				.put("application_process", service.getExtraDetails());
		putContact(row, "url", service.getTelecom(), ContactPointSystem.URL);
		putContact(row, "email", service.getTelecom(), ContactPointSystem.EMAIL);
		if (service.hasEligibility() && service.getEligibilityFirstRep().hasComment()) {
			row.put("eligibility_description", service.getEligibilityFirstRep().getComment());
		}
		if (service.hasServiceProvisionCode() && service.getServiceProvisionCodeFirstRep().hasText()) {
			row.put("fees_description", service.getServiceProvisionCodeFirstRep().getText());
		}
		Freshness.verifiedAt(service).ifPresent(at -> row.put("assured_date", at.atZone(ZoneOffset.UTC).toLocalDate().toString()));
		Extension verification = service.getExtensionByUrl(Freshness.VERIFICATION_EXTENSION);
		if (verification != null && verification.getExtensionByUrl("verifier") != null
				&& verification.getExtensionByUrl("verifier").getValue() instanceof Reference verifier && verifier.hasDisplay()) {
			row.put("assurer_email", verifier.getDisplay());
		}
		phones(data, service.getTelecom(), "service_id", id);
		for (Reference location : service.getLocation()) {
			data.addRow("service_at_location").put("id", id + "-at-" + idOf(location)).put("service_id", id)
					.put("location_id", idOf(location));
		}
		int n = 0;
		for (CodeableConcept language : service.getCommunication()) {
			data.addRow("language").put("id", id + "-language-" + ++n).put("service_id", id)
					.put("code", language.getCodingFirstRep().getCode()).put("name", language.getText());
		}
		n = 0;
		for (HealthcareService.HealthcareServiceAvailableTimeComponent hours : service.getAvailableTime()) {
			ObjectNode schedule = data.addRow("schedule").put("id", id + "-schedule-" + ++n).put("service_id", id).put("freq", "WEEKLY");
			if (hours.hasDaysOfWeek()) {
				schedule.put("byday", String.join(",", hours.getDaysOfWeek().stream().map(d -> Hsds.icalDay(d.getValue())).toList()));
			}
			if (!hours.getAllDay() && hours.hasAvailableStartTime() && hours.hasAvailableEndTime()) {
				schedule.put("opens_at", Hsds.hsdsTime(hours.getAvailableStartTime()))
						.put("closes_at", Hsds.hsdsTime(hours.getAvailableEndTime()));
			}
		}
		n = 0;
		for (CodeableConcept type : service.getType()) {
			for (Coding coding : type.getCoding()) {
				String termId = UUID.nameUUIDFromBytes((coding.getSystem() + "|" + coding.getCode()).getBytes(StandardCharsets.UTF_8)).toString();
				if (termIds.add(termId)) {
					data.addRow("taxonomy_term").put("id", termId).put("code", coding.getCode()).put("name", coding.getDisplay())
							.put("taxonomy", Hsds.taxonomyName(coding.getSystem()));
				}
				data.addRow("attribute").put("id", id + "-attribute-" + ++n).put("link_id", id).put("link_type", "service")
						.put("link_entity", "service").put("taxonomy_term_id", termId);
			}
		}
	}

	private static void phones(HsdsDataPackage data, List<ContactPoint> telecom, String ownerColumn, String ownerId) {
		int n = 0;
		for (ContactPoint contact : telecom) {
			if (contact.getSystem() == ContactPointSystem.PHONE) {
				String value = contact.getValue();
				int extension = value.indexOf(PHONE_EXTENSION);
				ObjectNode row = data.addRow("phone").put("id", ownerId + "-phone-" + ++n).put(ownerColumn, ownerId)
						.put("number", extension < 0 ? value : value.substring(0, extension));
				if (extension >= 0) {
					row.put("extension", value.substring(extension + PHONE_EXTENSION.length()));
				}
			}
		}
	}

	private static void putContact(ObjectNode row, String column, List<ContactPoint> telecom, ContactPointSystem system) {
		telecom.stream().filter(c -> c.getSystem() == system).findFirst().ifPresent(c -> row.put(column, c.getValue()));
	}

	private static String idOf(Reference reference) {
		return reference.getReferenceElement().getIdPart();
	}
}
