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

	/** HAPI's IHE Basic Audit Logging Pattern: one AuditEvent per read, query, create, update, delete. */
	@Bean
	public BalpAuditCaptureInterceptor balpAudit(AsyncAuditTrail auditTrail) {
		return new BalpAuditCaptureInterceptor(auditTrail, new CallerAuditContext());
	}

	@Bean
	public RefusedAccessAudit refusedAccessAudit(AsyncAuditTrail auditTrail) {
		return new RefusedAccessAudit(auditTrail);
	}
}
