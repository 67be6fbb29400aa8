package org.sdoh.hub.audit;

import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/** Audit records waiting for the writer: a finished AuditEvent, or work that describes a request there. */
@FunctionalInterface
interface PendingAudit {

	/** Called on the audit writer's thread. */
	List<AuditEvent> describe();

	/** True when waiting keeps a request's resources in memory: only a few of those may wait. */
	default boolean holdsResources() {
		return false;
	}

	static PendingAudit of(AuditEvent event) {
		return () -> List.of(event);
	}
}
