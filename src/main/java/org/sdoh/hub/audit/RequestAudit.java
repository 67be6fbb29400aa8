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
 * One audit record per request, whatever happens: HAPI's BALP interceptor describes successful
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
	private final ThreadLocal<List<AuditEvent>> describing = new ThreadLocal<>();

	public RequestAudit(AsyncAuditTrail trail) {
		this.trail = trail;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void begin(RequestDetails request) {
		current.set(request);
	}

	/** Called by BALP: on the request's thread, or on the audit writer's inside {@link #describe}. */
	@Override
	public void recordAuditEvent(AuditEvent event) {
		List<AuditEvent> described = describing.get();
		if (described != null) {
			described.add(event);
			return;
		}
		RequestDetails request = current.get();
		if (request == null) {
			trail.store(event);
			return;
		}
		onSuccess(request, PendingAudit.of(event));
	}

	/** Work that describes this request on the audit writer's thread, done only if the request succeeds. */
	@SuppressWarnings("unchecked")
	void onSuccess(RequestDetails request, PendingAudit pending) {
		((List<PendingAudit>) request.getUserData().computeIfAbsent(COLLECTED, key -> new ArrayList<PendingAudit>())).add(pending);
	}

	/** What BALP records while {@code balpCall} runs on this thread. */
	List<AuditEvent> describe(Runnable balpCall) {
		List<AuditEvent> described = new ArrayList<>();
		describing.set(described);
		try {
			balpCall.run();
		} finally {
			describing.remove();
		}
		return described;
	}

	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	@SuppressWarnings("unchecked")
	public void succeeded(RequestDetails request) {
		current.remove();
		if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
			return;
		}
		List<PendingAudit> described = (List<PendingAudit>) request.getUserData().remove(COLLECTED);
		if (described == null || described.isEmpty()) {
			trail.store(AuditEvents.forRequest(request, AuditEventOutcome._0, "success"));
		} else {
			described.forEach(trail::accept);
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
