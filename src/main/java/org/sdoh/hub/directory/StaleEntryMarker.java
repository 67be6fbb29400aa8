package org.sdoh.hub.directory;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.time.Duration;
import java.time.Instant;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;

/**
 * Directory entries the server returns carry {@code meta.tag} {@value Freshness#STATUS_SYSTEM}#stale
 * when nobody verified them within {@code sdoh.directory.stale-after}. The tag is computed on the way
 * out, never stored: a client that sends an entry back with it gets it removed before storage, so
 * an entry stops being stale the moment it is verified.
 */
@Interceptor
public class StaleEntryMarker {

	private final Duration staleAfter;

	public StaleEntryMarker(Duration staleAfter) {
		this.staleAfter = staleAfter;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void markStaleEntries(ResponseDetails response) {
		Instant now = Instant.now();
		IBaseResource resource = response.getResponseResource();
		if (resource instanceof Bundle bundle) {
			bundle.getEntry().forEach(entry -> mark(entry.getResource(), now));
		} else {
			mark(resource, now);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		removeTag(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource updated) {
		removeTag(updated);
	}

	private void mark(IBaseResource resource, Instant now) {
		if (isEntry(resource) && Freshness.isStale((DomainResource) resource, now, staleAfter)
				&& resource.getMeta().getTag(Freshness.STATUS_SYSTEM, Freshness.STALE) == null) {
			resource.getMeta().addTag().setSystem(Freshness.STATUS_SYSTEM).setCode(Freshness.STALE).setDisplay("Not verified recently");
		}
	}

	private static void removeTag(IBaseResource resource) {
		if (isEntry(resource)) {
			((DomainResource) resource).getMeta().getTag()
					.removeIf(tag -> Freshness.STATUS_SYSTEM.equals(tag.getSystem()) && Freshness.STALE.equals(tag.getCode()));
		}
	}

	private static boolean isEntry(IBaseResource resource) {
		return resource instanceof DomainResource && Freshness.ENTRY_TYPES.contains(resource.fhirType());
	}
}
