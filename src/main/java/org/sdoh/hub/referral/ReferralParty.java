package org.sdoh.hub.referral;

/**
 * The two sides of a referral Task: the requester (the referring clinic or platform) and the owner
 * (the CBO or service fulfilling it). The Gravity IG gives each side its own status changes.
 */
public enum ReferralParty {
	REQUESTER,
	OWNER
}
