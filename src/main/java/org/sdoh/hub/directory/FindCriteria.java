package org.sdoh.hub.directory;

import ca.uhn.fhir.rest.param.TokenParam;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The question a navigator asks: services within {@code radiusKm} of a point that match every token
 * criterion, optionally open at a moment and only those accepting referrals.
 */
public record FindCriteria(
		double latitude,
		double longitude,
		double radiusKm,
		List<TokenCriterion> tokens,
		Optional<ZonedDateTime> openAt,
		boolean acceptingReferralsOnly) {

	/** The service has at least one of {@code anyOf} in the HealthcareService search parameter {@code parameter}. */
	public record TokenCriterion(String parameter, List<TokenParam> anyOf) {}
}
