package org.sdoh.hub.directory;

import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;

/**
 * The Gravity capacity status of a service (SDOHCC-ExtensionHealthcareServiceCapacityStatus, STU3),
 * as the CBO last reported it, and whether that status lets a new referral in.
 */
public enum CapacityStatus {
	CAPACITY("capacity", "Has Capacity", true),
	NO_CAPACITY("no-capacity", "No Capacity", false),
	/** A referral goes onto the waitlist: accepted, just not served at once. */
	WAITLIST("waitlist", "No Capacity - Has Waitlist", true),
	ADDITIONAL_ASSESSMENT_REQUIRED("additional-assessment-required", "Additional Assessment Required", true);

	public static final String EXTENSION =
			"http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus";
	public static final String STATUS_PART = "capacityStatus";
	public static final String NOTES_PART = "capacityNotes";
	/** The IG keeps the capacity codes among its temporary codes. */
	public static final String CODE_SYSTEM = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

	private final String code;
	private final String display;
	private final boolean acceptsReferrals;

	CapacityStatus(String code, String display, boolean acceptsReferrals) {
		this.code = code;
		this.display = display;
		this.acceptsReferrals = acceptsReferrals;
	}

	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	public boolean acceptsReferrals() {
		return acceptsReferrals;
	}

	public static Optional<CapacityStatus> fromCode(String code) {
		return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
	}

	/** The reported status of a service; empty when it never reported one (or used an unknown code). */
	public static Optional<CapacityStatus> of(HealthcareService service) {
		Extension capacity = service.getExtensionByUrl(EXTENSION);
		Extension status = capacity == null ? null : capacity.getExtensionByUrl(STATUS_PART);
		if (status == null || !(status.getValue() instanceof CodeableConcept concept)) {
			return Optional.empty();
		}
		return concept.getCoding().stream()
				.map(coding -> fromCode(coding.getCode()))
				.flatMap(Optional::stream)
				.findFirst();
	}
}
