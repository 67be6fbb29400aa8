package org.sdoh.hub.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Reference;

/**
 * AuditEvents for what {@link BalpCapture} does not describe: refused and failed requests,
 * history reads, and searches that found nothing. Same vocabulary as BALP (event type "rest",
 * RESTful interaction subtype, client and user agents).
 */
final class AuditEvents {

	private static final CallerAuditContext CALLERS = new CallerAuditContext();

	private AuditEvents() {}

	/** A request handled by the FHIR layer: who, which interaction, which URL, outcome. */
	static AuditEvent forRequest(RequestDetails request, AuditEventOutcome outcome, String description) {
		String interaction = request.getRestOperationType() == null
				? request.getRequestType().name().toLowerCase(Locale.ROOT)
				: request.getRestOperationType().getCode();
		AuditEvent event = common(interaction, request.getCompleteUrl(), outcome, description);
		event.addAgent().setWho(CALLERS.getAgentClientWho(request)).setRequestor(false);
		event.addAgent().setWho(CALLERS.getAgentUserWho(request)).setRequestor(true);
		if (request instanceof ServletRequestDetails servlet) {
			event.getAgentFirstRep().getNetwork()
					.setAddress(servlet.getServletRequest().getRemoteAddr())
					.setType(AuditEventAgentNetworkType._2);
		}
		return event;
	}

	/** A request refused before the FHIR layer (no or bad token): only the network address is known. */
	static AuditEvent unauthenticated(String method, String url, String clientAddress, String description) {
		AuditEvent event = common(method.toLowerCase(Locale.ROOT), url, AuditEventOutcome._4, description);
		event.addAgent().setRequestor(true).setWho(new Reference().setDisplay("unauthenticated"))
				.getNetwork().setAddress(clientAddress).setType(AuditEventAgentNetworkType._2);
		return event;
	}

	private static AuditEvent common(String interaction, String url, AuditEventOutcome outcome, String description) {
		AuditEvent event = new AuditEvent();
		event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
		event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(interaction);
		event.setAction(AuditEvent.AuditEventAction.E);
		event.setRecorded(new Date());
		event.setOutcome(outcome);
		event.setOutcomeDesc(description);
		event.getSource().setSite("sdoh-referral-hub").getObserver().setDisplay("sdoh-referral-hub");
		event.addEntity().setDescription(url).getType()
				.setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT);
		return event;
	}
}
