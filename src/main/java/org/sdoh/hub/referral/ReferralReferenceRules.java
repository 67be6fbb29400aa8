package org.sdoh.hub.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * Rules about what a referral Task points at: its focus is a ServiceRequest about the same person,
 * and its owner is an organization, a service or a practitioner role. The caller resolves the focus
 * (null when it is not a stored ServiceRequest) and passes it in.
 */
public final class ReferralReferenceRules {

	static final Set<String> OWNER_TYPES = Set.of("Organization", "HealthcareService", "PractitionerRole");

	private ReferralReferenceRules() {}

	public static List<RuleViolation> check(Task task, ServiceRequest focus) {
		List<RuleViolation> violations = new ArrayList<>();
		if (task.getFocus().hasReference() && !isAbsolute(task.getFocus())) {
			if (focus == null) {
				violations.add(RuleViolation.invalid("Task.focus", "Task.focus must reference a ServiceRequest, not "
						+ task.getFocus().getReference()));
			} else if (task.getFor().hasReference() && !samePerson(task.getFor(), focus.getSubject())) {
				violations.add(RuleViolation.businessRule("Task.for", "Task.for (" + task.getFor().getReference()
						+ ") must be the subject of the focus ServiceRequest (" + focus.getSubject().getReference() + ")"));
			}
		}
		if (task.getOwner().hasReference() && !isAbsolute(task.getOwner())
				&& !OWNER_TYPES.contains(task.getOwner().getReferenceElement().getResourceType())) {
			violations.add(RuleViolation.invalid("Task.owner", "Task.owner must be an Organization, HealthcareService or"
					+ " PractitionerRole, not " + task.getOwner().getReference()));
		}
		return violations;
	}

	/** The Task's focus is a ServiceRequest stored on this server (so it can be read and kept in step). */
	public static boolean focusesLocalServiceRequest(Task task) {
		return task.getFocus().hasReference()
				&& !isAbsolute(task.getFocus())
				&& "ServiceRequest".equals(task.getFocus().getReferenceElement().getResourceType());
	}

	/** Absolute references point at another server (Direct exchange); they are not resolved here. */
	static boolean isAbsolute(Reference reference) {
		return reference.getReferenceElement().isAbsolute();
	}

	private static boolean samePerson(Reference a, Reference b) {
		return a.getReferenceElement().toUnqualifiedVersionless().getValue()
				.equals(b.getReferenceElement().toUnqualifiedVersionless().getValue());
	}
}
