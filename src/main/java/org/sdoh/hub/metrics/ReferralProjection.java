package org.sdoh.hub.metrics;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.referral.BusinessCalendar;
import org.sdoh.hub.referral.ReferralReferenceRules;
import org.sdoh.hub.referral.ReferralTaskRules;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link ReferralFactStore} in step with referral Task versions: just before a Task create or
 * update commits, the Task's fact is advanced with the new version and its time
 * (meta.lastUpdated, which HAPI takes from the stored version), in the same transaction: a write
 * that rolls back leaves no trace in the metrics, and no client-supplied time is used.
 */
@Component
@Interceptor
public class ReferralProjection {

	/** The IG's SDOH domain codes (ServiceRequest.category). */
	static final String DOMAIN_SYSTEM = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

	private final DaoRegistry daoRegistry;
	private final ReferralFactStore store;
	private final BusinessCalendar calendar;

	public ReferralProjection(DaoRegistry daoRegistry, ReferralFactStore store, BusinessCalendar calendar) {
		this.daoRegistry = daoRegistry;
		this.store = store;
		this.calendar = calendar;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof Task task && ReferralTaskRules.isReferralTask(task)) {
			record(null, task);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		if (updated instanceof Task task && ReferralTaskRules.isReferralTask(task)) {
			record((Task) previous, task);
		}
	}

	private void record(Task before, Task after) {
		Optional<ReferralFact> previous = before == null ? Optional.empty() : store.find(after.getIdElement().getIdPart(), calendar);
		ReferralParties parties = previous.filter(p -> sameParties(before, after)).map(ReferralFact::parties)
				.orElseGet(() -> partiesOf(after));
		Instant versionTime = after.getMeta().getLastUpdated().toInstant();
		store.save(ReferralFact.advance(previous.orElse(null), after, parties, versionTime, calendar));
	}

	private static boolean sameParties(Task before, Task after) {
		return before.getOwner().equalsDeep(after.getOwner()) && before.getRequester().equalsDeep(after.getRequester())
				&& before.getFocus().equalsDeep(after.getFocus());
	}

	/** Reads the requester's PractitionerRole and the focus ServiceRequest: once per referral, not per version. */
	ReferralParties partiesOf(Task task) {
		return new ReferralParties(reference(task.getOwner()), requestingOrganization(task.getRequester()), domainOf(task));
	}

	private String requestingOrganization(Reference requester) {
		if (!"PractitionerRole".equals(requester.getReferenceElement().getResourceType())) {
			return reference(requester);
		}
		return read(requester, PractitionerRole.class)
				.filter(PractitionerRole::hasOrganization)
				.map(role -> reference(role.getOrganization()))
				.orElse(reference(requester));
	}

	private String domainOf(Task task) {
		if (!ReferralReferenceRules.focusesLocalServiceRequest(task)) {
			return null;
		}
		return read(task.getFocus(), ServiceRequest.class)
				.flatMap(request -> request.getCategory().stream()
						.flatMap(category -> category.getCoding().stream())
						.filter(coding -> DOMAIN_SYSTEM.equals(coding.getSystem()) && coding.hasCode())
						.map(coding -> coding.getCode())
						.findFirst())
				.orElse(null);
	}

	private <T extends IBaseResource> Optional<T> read(Reference reference, Class<T> type) {
		if (reference.getReferenceElement().isAbsolute() || !reference.getReferenceElement().hasIdPart()) {
			return Optional.empty();
		}
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(reference.getReferenceElement(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	private static String reference(Reference reference) {
		return reference.hasReference() ? new IdType(reference.getReference()).toUnqualifiedVersionless().getValue() : null;
	}
}
