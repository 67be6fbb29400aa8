package org.sdoh.hub.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.sdoh.hub.security.AccessRefusedEvent;
import org.springframework.context.event.EventListener;

/**
 * BALP records what was done; this records what was refused: every 401 (no or bad token, from
 * Spring Security) and 403 (scope, organization or audit-trail rules, from HAPI) becomes an
 * AuditEvent with outcome "minor failure", who asked, and what was asked for.
 */
@Interceptor
public class RefusedAccessAudit {

	private final IBalpAuditEventSink trail;
	private final CallerAuditContext callers = new CallerAuditContext();

	public RefusedAccessAudit(IBalpAuditEventSink trail) {
		this.trail = trail;
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean onRefusal(RequestDetails request, BaseServerResponseException exception) {
		int status = exception.getStatusCode();
		if (status == 401 || status == 403) {
			AuditEvent event = refusal(request.getRequestType().name(), request.getCompleteUrl(), status, exception.getMessage());
			event.addAgent().setWho(callers.getAgentClientWho(request)).setRequestor(false);
			event.addAgent().setWho(callers.getAgentUserWho(request)).setRequestor(true);
			if (request instanceof ServletRequestDetails servlet) {
				event.getAgentFirstRep().getNetwork().setAddress(servlet.getServletRequest().getRemoteAddr())
						.setType(AuditEvent.AuditEventAgentNetworkType._2);
			}
			trail.recordAuditEvent(event);
		}
		return true;
	}

	@EventListener
	public void onUnauthenticated(AccessRefusedEvent refused) {
		AuditEvent event = refusal(refused.method(), refused.path(), refused.status(), refused.reason());
		event.addAgent().setRequestor(true).setWho(new org.hl7.fhir.r4.model.Reference().setDisplay("unauthenticated"))
				.getNetwork().setAddress(refused.clientAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
		trail.recordAuditEvent(event);
	}

	private static AuditEvent refusal(String method, String url, int status, String reason) {
		AuditEvent event = new AuditEvent();
		event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
		event.addSubtype().setSystem("http://hl7.org/fhir/restful-interaction").setCode(method.toLowerCase());
		event.setAction(AuditEvent.AuditEventAction.E);
		event.setRecorded(new Date());
		event.setOutcome(AuditEvent.AuditEventOutcome._4);
		event.setOutcomeDesc("HTTP " + status + ": " + reason);
		event.getSource().setSite("sdoh-referral-hub").getObserver().setDisplay("sdoh-referral-hub");
		event.addEntity().setDescription(method + " " + url).getType()
				.setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT);
		return event;
	}
}
