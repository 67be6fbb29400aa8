package org.sdoh.hub.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.sdoh.hub.security.AccessRefusedEvent;
import org.springframework.context.event.EventListener;

/**
 * One audit record per request, whatever happens: {@link BalpCapture} (IHE BALP) describes successful
 * reads, searches and writes (its events are collected here during the request and stored when the
 * request succeeds); a request that fails (401, 403, 404, 412, 422, ...) gets one event with the
 * failure instead — what BALP described did not happen; a request BALP does not describe (history,
 * a search that found nothing, an operation) gets one basic event. Token refusals, which never reach
 * HAPI, arrive as {@link AccessRefusedEvent}s.
 */
@Interceptor
public class RequestAudit implements IBalpAuditEventSink {

	private static final String COLLECTED = RequestAudit.class.getName() + ".events";

	private final AsyncAuditTrail trail;
	private final ThreadLocal<RequestDetails> current = new ThreadLocal<>();

	public RequestAudit(AsyncAuditTrail trail) {
		this.trail = trail;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void begin(RequestDetails request) {
		current.set(request);
	}

	/** Called by BALP on the request's thread. */
	@Override
	@SuppressWarnings("unchecked")
	public void recordAuditEvent(AuditEvent event) {
		RequestDetails request = current.get();
		if (request == null) {
			trail.store(event);
			return;
		}
		((List<AuditEvent>) request.getUserData().computeIfAbsent(COLLECTED, key -> new ArrayList<AuditEvent>())).add(event);
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	@SuppressWarnings("unchecked")
	public void succeeded(RequestDetails request) {
		current.remove();
		if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
			return;
		}
		List<AuditEvent> described = (List<AuditEvent>) request.getUserData().remove(COLLECTED);
		if (described == null || described.isEmpty()) {
			trail.store(AuditEvents.forRequest(request, AuditEventOutcome._0, "success"));
		} else {
			described.forEach(trail::store);
		}
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean failed(RequestDetails request, BaseServerResponseException failure) {
		current.remove();
		request.getUserData().remove(COLLECTED);
		AuditEventOutcome outcome = failure.getStatusCode() >= 500 ? AuditEventOutcome._8 : AuditEventOutcome._4;
		trail.store(AuditEvents.forRequest(request, outcome, "HTTP " + failure.getStatusCode() + ": " + failure.getMessage()));
		return true;
	}

	@EventListener
	public void refusedBeforeFhir(AccessRefusedEvent refused) {
		trail.store(AuditEvents.unauthenticated(refused.method(), refused.path(), refused.clientAddress(),
				"HTTP " + refused.status() + ": " + refused.reason()));
	}
}
