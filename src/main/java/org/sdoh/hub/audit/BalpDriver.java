package org.sdoh.hub.audit;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.IPointcut;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;

/**
 * Drives HAPI's BALP interceptor, which is registered here rather than on the server. Writes reach
 * it as they happen: one AuditEvent per stored resource. Reads and searches do not: BALP describes
 * them with one AuditEvent per patient in what was shown (the IHE rule for disclosures), and each
 * AuditEvent costs about 0.2 ms to build (BALP parses its narrative with a new XHTML parser every
 * time) — measured, 30 % of the request threads' CPU serving 50-Task worklist pages under load. So
 * what was shown is captured on the request thread, after consent has filtered it (the resources,
 * and the request detached from the servlet request), and BALP describes it on the audit writer's
 * thread once the request has succeeded and its response is written ({@link RequestAudit}); BALP
 * only reads the captured resources' ids and patient references.
 */
public class BalpDriver {

	/** After every other hook on shown resources (consent, masking): the audit records what left. */
	static final int AFTER_CONSENT = 1000;
	private static final Set<RestOperationTypeEnum> DESCRIBED_LATER = Set.of(RestOperationTypeEnum.SEARCH_TYPE,
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD);

	private final InterceptorService balp = new InterceptorService("balp");
	private final RequestAudit requestAudit;

	public BalpDriver(BalpAuditCaptureInterceptor capture, RequestAudit requestAudit) {
		this.requestAudit = requestAudit;
		balp.registerInterceptor(capture);
	}

	public void registerWith(IInterceptorService server) {
		for (Pointcut write : List.of(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED,
				Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)) {
			server.registerAnonymousInterceptor(write, (pointcut, params) -> balp.callHooks(write, params));
		}
		server.registerAnonymousInterceptor(Pointcut.STORAGE_PRESHOW_RESOURCES, AFTER_CONSENT, this::shown);
	}

	private void shown(IPointcut pointcut, HookParams params) {
		ServletRequestDetails request = params.get(ServletRequestDetails.class);
		if (request == null || !DESCRIBED_LATER.contains(request.getRestOperationType())) {
			balp.callHooks(Pointcut.STORAGE_PRESHOW_RESOURCES, params);
			return;
		}
		IPreResourceShowDetails details = params.get(IPreResourceShowDetails.class);
		List<IBaseResource> shown = new ArrayList<>(details.size());
		for (int i = 0; i < details.size(); i++) {
			shown.add(details.getResource(i)); // null where a resource was withheld
		}
		requestAudit.onSuccess(request, new Shown(new SimplePreResourceShowDetails(shown), DetachedRequest.of(request)));
	}

	/** What a read or search showed, for BALP to describe on the audit writer's thread. */
	private final class Shown implements PendingAudit {

		private final IPreResourceShowDetails resources;
		private final DetachedRequest request;

		Shown(IPreResourceShowDetails resources, DetachedRequest request) {
			this.resources = resources;
			this.request = request;
		}

		@Override
		public List<AuditEvent> describe() {
			HookParams params = new HookParams()
					.add(IPreResourceShowDetails.class, resources)
					.add(RequestDetails.class, request)
					.add(ServletRequestDetails.class, request);
			List<AuditEvent> described = requestAudit.describe(() -> balp.callHooks(Pointcut.STORAGE_PRESHOW_RESOURCES, params));
			// BALP describes nothing when a read's resource was withheld; the request still gets its record
			return described.isEmpty() ? List.of(AuditEvents.forRequest(request, AuditEventOutcome._0, "success")) : described;
		}

		@Override
		public boolean holdsResources() {
			return true;
		}
	}
}
