package org.sdoh.hub.referral;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.security.Caller;

/**
 * Who is acting on a referral. With authentication on, from the token ({@link Caller}). With
 * authentication off (loopback-only quick start), from the documented request header
 * {@value #HEADER} ({@code requester} or {@code owner}); a request naming no side is trusted for
 * both sides and for administrative writes. Internal writes (start-up loading) are trusted.
 */
public final class ReferralActorResolver {

	public static final String HEADER = "X-Referral-Party";

	private ReferralActorResolver() {}

	public static ReferralActor resolve(RequestDetails request, Task task) {
		if (request == null || request instanceof SystemRequestDetails) {
			return ReferralActor.trusted();
		}
		Optional<Caller> caller = Caller.current();
		if (caller.isPresent()) {
			return fromToken(caller.get(), task);
		}
		String party = request.getHeader(HEADER);
		if (party == null || party.isBlank()) {
			return ReferralActor.trusted();
		}
		return switch (party.trim().toLowerCase(Locale.ROOT)) {
			case "requester" -> ReferralActor.of(ReferralParty.REQUESTER);
			case "owner" -> ReferralActor.of(ReferralParty.OWNER);
			default -> throw new InvalidRequestException(HEADER + " must be 'requester' or 'owner', not '" + party + "'");
		};
	}

	/**
	 * With authentication on, the token decides: a CBO acts for the owner side of the Tasks its
	 * organization owns, a clinic for the requester side (which Tasks it may touch at all is checked
	 * by the security rules first); network administrators are trusted.
	 */
	private static ReferralActor fromToken(Caller caller, Task task) {
		if (caller.admin()) {
			return ReferralActor.trusted();
		}
		if (caller.ownerSide()) {
			return caller.isOwnOrganization(task.getOwner().getReference())
					? ReferralActor.of(ReferralParty.OWNER)
					: ReferralActor.none();
		}
		return ReferralActor.of(ReferralParty.REQUESTER);
	}
}
