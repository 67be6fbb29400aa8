package org.sdoh.hub.metrics;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
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
import org.sdoh.hub.storage.ReferenceReader;
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

	private final ReferenceReader references;
	private final ReferralFactStore store;
	private final BusinessCalendar calendar;

	public ReferralProjection(ReferenceReader references, ReferralFactStore store, BusinessCalendar calendar) {
		this.references = references;
		this.store = store;
		this.calendar = calendar;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, TransactionDetails transaction) {
		if (resource instanceof Task task && ReferralTaskRules.isReferralTask(task)) {
			record(null, task, transaction);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated, TransactionDetails transaction) {
		if (updated instanceof Task task && ReferralTaskRules.isReferralTask(task)) {
			record((Task) previous, task, transaction);
		}
	}

	private void record(Task before, Task after, TransactionDetails transaction) {
		Optional<ReferralFact> previous = before == null ? Optional.empty() : store.find(after.getIdElement().getIdPart(), calendar);
		ReferralParties parties = previous.filter(p -> sameParties(before, after)).map(ReferralFact::parties)
				.orElseGet(() -> partiesOf(after, transaction));
		Instant versionTime = after.getMeta().getLastUpdated().toInstant();
		store.save(ReferralFact.advance(previous.orElse(null), after, parties, versionTime, calendar));
	}

	private static boolean sameParties(Task before, Task after) {
		return before.getOwner().equalsDeep(after.getOwner()) && before.getRequester().equalsDeep(after.getRequester())
				&& before.getFocus().equalsDeep(after.getFocus());
	}

	/** Reads the requester's PractitionerRole and the focus ServiceRequest: once per referral, not per version. */
	ReferralParties partiesOf(Task task, TransactionDetails transaction) {
		return new ReferralParties(reference(task.getOwner()), requestingOrganization(task.getRequester(), transaction),
				domainOf(task, transaction));
	}

	private String requestingOrganization(Reference requester, TransactionDetails transaction) {
		if (!"PractitionerRole".equals(requester.getReferenceElement().getResourceType())) {
			return reference(requester);
		}
		return references.read(requester, PractitionerRole.class, transaction)
				.filter(PractitionerRole::hasOrganization)
				.map(role -> reference(role.getOrganization()))
				.orElse(reference(requester));
	}

	private String domainOf(Task task, TransactionDetails transaction) {
		if (!ReferralReferenceRules.focusesLocalServiceRequest(task)) {
			return null;
		}
		return references.read(task.getFocus(), ServiceRequest.class, transaction)
				.flatMap(serviceRequest -> serviceRequest.getCategory().stream()
						.flatMap(category -> category.getCoding().stream())
						.filter(coding -> DOMAIN_SYSTEM.equals(coding.getSystem()) && coding.hasCode())
						.map(coding -> coding.getCode())
						.findFirst())
				.orElse(null);
	}

	private static String reference(Reference reference) {
		return reference.hasReference() ? new IdType(reference.getReference()).toUnqualifiedVersionless().getValue() : null;
	}
}
