package org.sdoh.hub.referral;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.storage.ReferenceReader;
import org.springframework.stereotype.Component;

/**
 * Where a referral Task's workflow is enforced: on every create and update (PUT, PATCH, inside
 * transactions), before anything is stored. Asks {@link ReferralTaskRules} and
 * {@link ReferralReferenceRules}; any broken rule refuses the whole request with 422 and an
 * OperationOutcome listing each rule with the element it concerns.
 */
@Component
@Interceptor
public class ReferralTaskInterceptor {

	private final FhirContext fhirContext;
	private final ReferenceReader references;

	public ReferralTaskInterceptor(FhirContext fhirContext, ReferenceReader references) {
		this.fhirContext = fhirContext;
		this.references = references;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void onCreate(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Task task && ReferralTaskRules.isReferralTask(task)) {
			refuseIfAny(ReferralTaskRules.checkCreate(task, ReferralActorResolver.resolve(request, task)));
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void onUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		if (updated instanceof Task after && previous instanceof Task before
				&& (ReferralTaskRules.isReferralTask(before) || ReferralTaskRules.isReferralTask(after))) {
			refuseIfAny(ReferralTaskRules.checkUpdate(before, after, ReferralActorResolver.resolve(request, before)));
		}
	}

	/**
	 * What the Task points at is checked just before commit: inside a transaction the focus
	 * ServiceRequest may be another entry of the same bundle, stored (and its urn:uuid reference
	 * resolved) only after this Task's pre-storage check. Refusing here still rolls back everything.
	 */
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void beforeCommitOfCreate(IBaseResource resource, TransactionDetails transaction) {
		if (resource instanceof Task task && ReferralTaskRules.isReferralTask(task)) {
			refuseIfAny(ReferralReferenceRules.check(task, focusOf(task, transaction)));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void beforeCommitOfUpdate(IBaseResource previous, IBaseResource updated, TransactionDetails transaction) {
		if (updated instanceof Task after && previous instanceof Task before && ReferralTaskRules.isReferralTask(after)
				&& (!before.getFocus().equalsDeep(after.getFocus()) || !before.getFor().equalsDeep(after.getFor())
						|| !before.getOwner().equalsDeep(after.getOwner()))) {
			refuseIfAny(ReferralReferenceRules.check(after, focusOf(after, transaction)));
		}
	}

	private ServiceRequest focusOf(Task task, TransactionDetails transaction) {
		if (!ReferralReferenceRules.focusesLocalServiceRequest(task)) {
			return null;
		}
		return references.read(task.getFocus(), ServiceRequest.class, transaction).orElse(null);
	}

	private void refuseIfAny(List<RuleViolation> violations) {
		if (!violations.isEmpty()) {
			throw RuleViolation.refusal(fhirContext, violations);
		}
	}
}
