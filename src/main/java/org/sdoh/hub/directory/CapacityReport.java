package org.sdoh.hub.directory;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

/**
 * What a CBO reports about a service's capacity: the Gravity status with optional notes, and the
 * optional numbers (open slots, waitlist length) in our {@value #COUNTS_EXTENSION} extension. A new
 * report replaces the previous one; resource history keeps the earlier ones.
 */
public record CapacityReport(CapacityStatus status, String notes, Integer openSlots, Integer waitlistLength) {

	public static final String COUNTS_EXTENSION = "http://sdoh-referral-hub.org/fhir/StructureDefinition/capacity-counts";

	public void applyTo(HealthcareService service) {
		service.getExtension().removeIf(e -> CapacityStatus.EXTENSION.equals(e.getUrl()) || COUNTS_EXTENSION.equals(e.getUrl()));
		Extension capacity = service.addExtension().setUrl(CapacityStatus.EXTENSION);
		capacity.addExtension(CapacityStatus.STATUS_PART,
				new CodeableConcept(new Coding(CapacityStatus.CODE_SYSTEM, status.code(), status.display())));
		if (notes != null && !notes.isBlank()) {
			capacity.addExtension(CapacityStatus.NOTES_PART, new StringType(notes));
		}
		if (openSlots != null || waitlistLength != null) {
			Extension counts = service.addExtension().setUrl(COUNTS_EXTENSION);
			if (openSlots != null) {
				counts.addExtension("openSlots", new IntegerType(openSlots));
			}
			if (waitlistLength != null) {
				counts.addExtension("waitlistLength", new IntegerType(waitlistLength));
			}
		}
	}
}
