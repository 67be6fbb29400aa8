package org.sdoh.hub.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * The FHIR {@code AuditEvent} endpoint over {@link AuditEventStore}: read, and search by the criteria
 * an auditor uses (when, who, about which patient or resource, which interaction, which outcome),
 * newest first, paged with {@code _offset}. The trail is written by the server only: create, update
 * and delete exist only to refuse (405), so that a write attempt is a recognised interaction — the
 * authorization rules answer it with 403 when authentication is on ({@code security/ScopeAuthorization}).
 */
public class AuditEventProvider implements IResourceProvider {

	private final AuditEventStore store;
	private final int defaultPageSize;
	private final int maxPageSize;

	public AuditEventProvider(AuditEventStore store, int defaultPageSize, int maxPageSize) {
		this.store = store;
		this.defaultPageSize = defaultPageSize;
		this.maxPageSize = maxPageSize;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id) {
		return store.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Create
	public MethodOutcome create(@ResourceParam AuditEvent event) {
		throw readOnly();
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam AuditEvent event) {
		throw readOnly();
	}

	@Delete
	public MethodOutcome delete(@IdParam IdType id) {
		throw readOnly();
	}

	private static MethodNotAllowedException readOnly() {
		return new MethodNotAllowedException("AuditEvents are written only by the server and are never changed or deleted");
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceParam entity,
			@OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenParam outcome,
			@Offset Integer offset,
			@Count Integer count) {
		AuditEventStore.Criteria criteria = new AuditEventStore.Criteria(date, reference(agent), reference(patient),
				reference(entity), code(subtype), code(outcome));
		int from = offset == null ? 0 : offset;
		int size = count == null ? defaultPageSize : Math.min(count, maxPageSize);
		if (from < 0 || size < 0) {
			throw new InvalidRequestException("_offset and _count must not be negative");
		}
		SimpleBundleProvider page = new SimpleBundleProvider(store.search(criteria, from, size));
		page.setCurrentPageOffset(from);
		page.setCurrentPageSize(size);
		page.setSize(store.count(criteria));
		return page;
	}

	/** A relative reference as stored ({@code Patient/123}); a bare id cannot name its type, so it is refused. */
	private static Optional<String> reference(ReferenceParam param) {
		if (param == null) {
			return Optional.empty();
		}
		if (param.getResourceType() == null || param.getResourceType().isBlank()) {
			throw new InvalidRequestException("Reference search on AuditEvent needs a typed reference, e.g. Patient/123: "
					+ param.getValue());
		}
		return Optional.of(param.getResourceType() + "/" + param.getIdPart());
	}

	private static Optional<String> code(TokenParam param) {
		return param == null ? Optional.empty() : Optional.of(param.getValue());
	}
}
