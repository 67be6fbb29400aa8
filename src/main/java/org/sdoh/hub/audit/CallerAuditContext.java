package org.sdoh.hub.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.sdoh.hub.security.Caller;

/**
 * Who did it, for the BALP AuditEvents ({@link BalpCapture}): the OAuth client and the signed-in user (with the
 * organization they act for) from the token; "anonymous" when authentication is off.
 */
public class CallerAuditContext implements IBalpAuditContextServices {

	static final String CLIENT_SYSTEM = "urn:sdoh-referral-hub:oauth-client";
	static final String USER_SYSTEM = "urn:sdoh-referral-hub:user";

	@Override
	public Reference getAgentClientWho(RequestDetails request) {
		return Caller.current()
				.map(caller -> identified(CLIENT_SYSTEM, caller.clientId(), caller.clientId()))
				.orElseGet(() -> identified(CLIENT_SYSTEM, "anonymous", "anonymous (authentication off)"));
	}

	@Override
	public Reference getAgentUserWho(RequestDetails request) {
		return Caller.current()
				.map(caller -> identified(USER_SYSTEM, caller.subject(), caller.describe()))
				.orElseGet(() -> identified(USER_SYSTEM, "anonymous", "anonymous (authentication off)"));
	}

	/**
	 * Compartment owners and data ids as plain {@code Type/id}: BALP otherwise tells
	 * {@code Patient/1/_history/2} (the Patient shown) from {@code Patient/1} (a reference to it) and
	 * records two patient events for one patient.
	 */
	@Override
	public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType id) {
		return id.toUnqualifiedVersionless().getValue();
	}

	private static Reference identified(String system, String value, String display) {
		Reference reference = new Reference().setDisplay(display);
		reference.getIdentifier().setSystem(system).setValue(value);
		return reference;
	}
}
