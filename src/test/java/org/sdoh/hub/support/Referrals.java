package org.sdoh.hub.support;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.referral.ReferralTaskRules;

/** Referral resources as tests (and the benchmark) build them. */
public final class Referrals {

	/** SNOMED CT 467771000124109: assistance with application for food pantry program. */
	public static final String FOOD_PANTRY_ASSISTANCE = "467771000124109";

	private Referrals() {}

	/** An active food-pantry ServiceRequest (intent order) about {@code subject}. */
	public static ServiceRequest serviceRequest(String subject) {
		ServiceRequest request = new ServiceRequest()
				.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
				.setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
				.setSubject(new Reference(subject));
		request.getCode().addCoding().setSystem("http://snomed.info/sct").setCode(FOOD_PANTRY_ASSISTANCE);
		return request;
	}

	/** A new referral Task (requested, intent order, code fulfill, authored now); owner may be null. */
	public static Task referralTask(String focus, String patient, String requester, String owner) {
		Task task = new Task()
				.setStatus(Task.TaskStatus.REQUESTED)
				.setIntent(Task.TaskIntent.ORDER)
				.setFocus(new Reference(focus))
				.setFor(new Reference(patient))
				.setRequester(new Reference(requester))
				.setOwner(owner == null ? null : new Reference(owner))
				.setAuthoredOnElement(DateTimeType.now());
		task.getCode().addCoding().setSystem(ReferralTaskRules.TASK_CODE_SYSTEM).setCode(ReferralTaskRules.FULFILL);
		return task;
	}
}
