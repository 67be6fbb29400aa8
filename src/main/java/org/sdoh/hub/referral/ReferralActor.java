package org.sdoh.hub.referral;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is changing a referral Task, as far as the workflow rules care: which side(s) of the referral
 * the caller may act for, and whether it is an administrative/system caller that may create Tasks
 * directly in a later state (a coordination platform mirroring Tasks, a data migration).
 */
public record ReferralActor(Set<ReferralParty> parties, boolean administrative) {

	public ReferralActor {
		parties = Set.copyOf(parties);
	}

	/** A caller trusted for both sides and for administrative writes (authentication off, no side named). */
	public static ReferralActor trusted() {
		return new ReferralActor(EnumSet.allOf(ReferralParty.class), true);
	}

	/** A caller acting for neither side of this referral (may change nothing of it). */
	public static ReferralActor none() {
		return new ReferralActor(EnumSet.noneOf(ReferralParty.class), false);
	}

	public static ReferralActor of(ReferralParty party) {
		return new ReferralActor(EnumSet.of(party), false);
	}

	public boolean actsFor(ReferralParty party) {
		return parties.contains(party);
	}

	/** Acts for the owner only: the owner side may change only its own fields. */
	public boolean isOwnerOnly() {
		return parties.equals(Set.of(ReferralParty.OWNER));
	}
}
