package org.sdoh.hub.referral;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Locale;

/**
 * Who is acting on a referral, until authentication provides it from the token: the documented
 * request header {@value #HEADER} ({@code requester} or {@code owner}). A request naming no side
 * is trusted for both sides and for administrative writes, which is only acceptable while the
 * server runs without authentication on a loopback address. Internal writes (start-up loading) are
 * trusted.
 */
public final class ReferralActorResolver {

	public static final String HEADER = "X-Referral-Party";

	private ReferralActorResolver() {}

	public static ReferralActor resolve(RequestDetails request) {
		if (request == null || request instanceof SystemRequestDetails) {
			return ReferralActor.trusted();
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
}
