package org.sdoh.hub.directory;

import java.util.Arrays;
import java.util.List;

/** When an organization as a whole cannot take a referral. */
public final class CapacityRule {

	private CapacityRule() {}

	/**
	 * At capacity when at least one of its active services reports no-capacity and none reports a
	 * status that takes referrals (capacity, waitlist, additional assessment). Services that never
	 * reported say nothing either way. Asked as two yes/no questions so that the check needs no
	 * service loaded, only index lookups.
	 */
	public static boolean organizationAtCapacity(boolean anyServiceReportsNoCapacity, boolean anyServiceTakesReferrals) {
		return anyServiceReportsNoCapacity && !anyServiceTakesReferrals;
	}

	/** The statuses of services that take referrals. */
	public static List<CapacityStatus> takingReferrals() {
		return Arrays.stream(CapacityStatus.values()).filter(CapacityStatus::acceptsReferrals).toList();
	}
}
