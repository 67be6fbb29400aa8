package org.sdoh.hub.audit;

import ca.uhn.fhir.context.FhirContext;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit trail's parts; {@code app/FhirServerConfig} registers the interceptors and the AuditEvent endpoint with HAPI. */
@Configuration
public class AuditConfig {

	@Bean(initMethod = "createTablesIfMissing")
	public AuditEventStore auditEventStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, FhirContext fhirContext) {
		return new AuditEventStore(jdbc, new TransactionTemplate(transactionManager), fhirContext);
	}

	@Bean
	public AuditEventProvider auditEventProvider(AuditEventStore store, SdohProperties properties) {
		return new AuditEventProvider(store, properties.api().defaultPageSize(), properties.api().maxPageSize());
	}

	@Bean
	public AsyncAuditTrail auditTrail(AuditEventStore store, SdohProperties properties) {
		return new AsyncAuditTrail(store, properties.audit().queueCapacity(), properties.audit().batchSize());
	}

	@Bean
	public RequestAudit requestAudit(AsyncAuditTrail auditTrail) {
		return new RequestAudit(auditTrail);
	}

	/** IHE Basic Audit Log Patterns: AuditEvents for reads, queries, creates, updates, deletes. */
	@Bean
	public BalpCapture balpAudit(RequestAudit requestAudit) {
		return new BalpCapture(requestAudit, new CallerAuditContext());
	}
}
