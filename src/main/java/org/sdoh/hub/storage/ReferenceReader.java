package org.sdoh.hub.storage;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Reads what a local reference points to, for rules that run while a resource is stored. Several
 * rules look at the same resource during one write (the referral rules and the metrics projection
 * both need the Task's ServiceRequest), and in a referral transaction that resource is usually an
 * entry of the same Bundle: it is taken from the Bundle, else read once per request. Callers must
 * not change what they get.
 */
@Component
public class ReferenceReader {

	private static final String READ_IN_REQUEST = ReferenceReader.class.getName() + ".read";

	private final DaoRegistry daoRegistry;

	public ReferenceReader(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	public <T extends IBaseResource> Optional<T> read(Reference reference, Class<T> type, RequestDetails request) {
		IIdType id = reference.getReferenceElement();
		if (id.isAbsolute() || !id.hasIdPart()) {
			return Optional.empty();
		}
		String key = daoRegistry.getFhirContext().getResourceType(type) + "/" + id.getIdPart();
		if (request == null) {
			return readStored(key, type);
		}
		Optional<T> inBundle = fromTransactionBundle(request, key, type);
		if (inBundle.isPresent()) {
			return inBundle;
		}
		@SuppressWarnings("unchecked")
		Map<String, Optional<? extends IBaseResource>> read = (Map<String, Optional<? extends IBaseResource>>)
				request.getUserData().computeIfAbsent(READ_IN_REQUEST, k -> new HashMap<String, Optional<? extends IBaseResource>>());
		@SuppressWarnings("unchecked")
		Optional<T> cached = (Optional<T>) read.computeIfAbsent(key, k -> readStored(k, type));
		return cached;
	}

	private static <T extends IBaseResource> Optional<T> fromTransactionBundle(RequestDetails request, String key, Class<T> type) {
		if (!(request.getResource() instanceof Bundle bundle) || bundle.getType() != Bundle.BundleType.TRANSACTION) {
			return Optional.empty();
		}
		return bundle.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(type::isInstance)
				.filter(resource -> resource.getIdElement().hasIdPart()
						&& key.equals(resource.fhirType() + "/" + resource.getIdElement().getIdPart()))
				.map(type::cast)
				.findFirst();
	}

	private <T extends IBaseResource> Optional<T> readStored(String key, Class<T> type) {
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(new org.hl7.fhir.r4.model.IdType(key), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
