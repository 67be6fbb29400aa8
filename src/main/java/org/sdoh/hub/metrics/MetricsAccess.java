package org.sdoh.hub.metrics;

import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.sdoh.hub.security.Caller;

/**
 * Who sees which referral numbers. An organization (CBO or clinic) sees its own referrals — those
 * it received or sent — in full, and the network-wide aggregate with every stratum of fewer than
 * {@code threshold} referrals masked, so that no client can be re-identified from another
 * organization's small numbers. Network administrators and trusted callers (authentication off,
 * loopback only) see everything unmasked. Asking for another organization's numbers is refused.
 */
public final class MetricsAccess {

	private MetricsAccess() {}

	/** What a caller gets for a report about {@code subject} (an Organization reference) or, without one, the network. */
	public static MetricsView decide(Optional<Caller> caller, Optional<String> subject, int threshold) {
		Optional<String> organization = subject.map(s -> new IdType(s).toUnqualifiedVersionless().getValue());
		if (caller.isEmpty() || caller.get().admin()) {
			return new MetricsView(organization, 0);
		}
		if (organization.isEmpty()) {
			return new MetricsView(Optional.empty(), threshold);
		}
		if (caller.get().isOwnOrganization(organization.get())) {
			return new MetricsView(organization, 0);
		}
		throw new MetricsAccessRefused("Referral metrics of " + organization.get() + " are for that organization and network"
				+ " administrators; ask for the network aggregate (no subject) or your own organization's numbers");
	}

	/**
	 * The referrals a report covers ({@code organization}'s sent and received, or the whole network)
	 * and below which referral count a stratum is masked (0: nothing is masked).
	 */
	public record MetricsView(Optional<String> organization, int maskBelow) {

		public boolean masks(long referrals) {
			return referrals > 0 && referrals < maskBelow;
		}
	}

	/** Refusal, turned into 403 by the operation. */
	public static final class MetricsAccessRefused extends RuntimeException {
		MetricsAccessRefused(String message) {
			super(message);
		}
	}
}
