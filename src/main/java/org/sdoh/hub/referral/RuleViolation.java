package org.sdoh.hub.referral;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * One broken referral rule: the element it concerns (a FHIRPath such as {@code Task.statusReason}),
 * the kind of problem (an OperationOutcome issue type) and a sentence a person can act on.
 */
public record RuleViolation(String element, IssueType type, String message) {

	static RuleViolation required(String element, String message) {
		return new RuleViolation(element, IssueType.REQUIRED, message);
	}

	static RuleViolation businessRule(String element, String message) {
		return new RuleViolation(element, IssueType.BUSINESSRULE, message);
	}

	static RuleViolation invalid(String element, String message) {
		return new RuleViolation(element, IssueType.VALUE, message);
	}

	static RuleViolation forbidden(String element, String message) {
		return new RuleViolation(element, IssueType.FORBIDDEN, message);
	}
}
