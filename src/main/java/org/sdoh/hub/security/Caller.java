package org.sdoh.hub.security;

import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the access rules see it, taken from a validated token: the SMART scopes, the
 * Organization the caller acts for (token claim), the Patient a patient app acts for, and the realm
 * roles that matter here. {@link #current()} is empty when authentication is off (the loopback-only
 * quick start) and for the server's own internal work: both are trusted.
 */
public record Caller(
		String subject,
		String clientId,
		Optional<String> organization,
		Optional<String> patient,
		SmartScopes scopes,
		boolean admin,
		boolean auditor,
		boolean ownerSide) {

	/** The caller of the request being handled on this thread, if authentication is on. */
	public static Optional<Caller> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication instanceof CallerAuthentication callerAuthentication
				? Optional.of(callerAuthentication.caller())
				: Optional.empty();
	}

	/** Bound to one organization's referrals (everyone except administrators and patient apps). */
	public boolean isOrganizationBound() {
		return !admin && organization.isPresent();
	}

	/** Whether this reference ("Organization/x", absolute or versioned) is the caller's organization. */
	public boolean isOwnOrganization(String reference) {
		return organization.isPresent() && reference != null && !reference.isBlank()
				&& unqualified(reference).equals(unqualified(organization.get()));
	}

	static String unqualified(String reference) {
		return new IdType(reference).toUnqualifiedVersionless().getValue();
	}

	/** For logs and audit: the client, and the user when one signed in. */
	public String describe() {
		return clientId + (subject.equals(clientId) ? "" : " / " + subject) + organization.map(o -> " for " + o).orElse("");
	}
}
