package org.sdoh.hub.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail's parts; {@code app/FhirServerConfig} registers the interceptors with HAPI. */
@Configuration
public class AuditConfig {

	@Bean
	public AsyncAuditTrail auditTrail(DaoRegistry daoRegistry, SdohProperties properties) {
		return new AsyncAuditTrail(daoRegistry, properties.audit().queueCapacity());
	}

	@Bean
	public RequestAudit requestAudit(AsyncAuditTrail auditTrail) {
		return new RequestAudit(auditTrail);
	}

	/** HAPI's IHE Basic Audit Logging Pattern: AuditEvents for reads, queries, creates, updates, deletes. */
	@Bean
	public BalpAuditCaptureInterceptor balpAudit(RequestAudit requestAudit) {
		return new BalpAuditCaptureInterceptor(requestAudit, new CallerAuditContext());
	}
}
