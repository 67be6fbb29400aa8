package org.sdoh.hub.directory;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.HealthcareService;

/** When an organization as a whole cannot take a referral. */
public final class CapacityRule {

	private CapacityRule() {}

	/**
	 * At capacity when at least one of its services reports a capacity status and every service that
	 * does reports no-capacity. Services that never reported say nothing either way.
	 */
	public static boolean organizationAtCapacity(List<HealthcareService> services) {
		List<CapacityStatus> reported = services.stream().map(CapacityStatus::of).flatMap(Optional::stream).toList();
		return !reported.isEmpty() && reported.stream().allMatch(s -> s == CapacityStatus.NO_CAPACITY);
	}
}
