package org.sdoh.hub.referral;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

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

	/** The 422 answer to broken rules: one OperationOutcome issue per violation, naming its element. */
	public static UnprocessableEntityException refusal(FhirContext fhirContext, List<RuleViolation> violations) {
		OperationOutcome outcome = new OperationOutcome();
		for (RuleViolation violation : violations) {
			outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(violation.type())
					.setDiagnostics(violation.element() + ": " + violation.message())
					.setExpression(List.of(new StringType(violation.element())))
					.setLocation(List.of(new StringType(violation.element())));
		}
		return new UnprocessableEntityException(fhirContext, outcome);
	}
}
