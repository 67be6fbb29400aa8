package org.sdoh.hub.metrics;

/**
 * Whom a referral is between and what it is about, as the metrics group it: the owner (the CBO),
 * the requesting organization (a PractitionerRole requester stands for its organization) and the
 * SDOH domain (ServiceRequest.category). Resolving them needs stored data, so the glue does it.
 */
public record ReferralParties(String owner, String requester, String domain) {

	public static final String UNSPECIFIED = "unspecified";

	public ReferralParties {
		owner = owner == null || owner.isBlank() ? UNSPECIFIED : owner;
		requester = requester == null || requester.isBlank() ? UNSPECIFIED : requester;
		domain = domain == null || domain.isBlank() ? UNSPECIFIED : domain;
	}
}
