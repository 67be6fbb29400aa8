package org.sdoh.hub.storage;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Reads what a local reference points to, for rules that run while a resource is stored. Several
 * rules look at the same resource during one write (the referral rules and the metrics projection
 * both need the Task's ServiceRequest), and in a referral transaction that resource was usually
 * created by the same transaction: HAPI keeps what it created in the {@link TransactionDetails}, so it
 * is taken from there, else read once per transaction. Callers must not change what they get.
 */
@Component
public class ReferenceReader {

	private static final String READ_IN_TRANSACTION = ReferenceReader.class.getName() + ".read";

	private final DaoRegistry daoRegistry;

	public ReferenceReader(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** {@code transaction} may be null (outside a write): then it is a plain read. */
	public <T extends IBaseResource> Optional<T> read(Reference reference, Class<T> type, TransactionDetails transaction) {
		IIdType id = reference.getReferenceElement();
		if (id.isAbsolute() || !id.hasIdPart()) {
			return Optional.empty();
		}
		IdType key = new IdType(daoRegistry.getFhirContext().getResourceType(type), id.getIdPart());
		if (transaction == null) {
			return readStored(key, type);
		}
		IBaseResource written = transaction.getResolvedResource(key);
		if (type.isInstance(written)) {
			return Optional.of(type.cast(written));
		}
		Map<String, Optional<? extends IBaseResource>> read = transaction.getOrCreateUserData(READ_IN_TRANSACTION, HashMap::new);
		@SuppressWarnings("unchecked")
		Optional<T> cached = (Optional<T>) read.computeIfAbsent(key.getValue(), k -> readStored(key, type));
		return cached;
	}

	private <T extends IBaseResource> Optional<T> readStored(IdType id, Class<T> type) {
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(id, new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
