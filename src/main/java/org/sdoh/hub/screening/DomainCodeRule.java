package org.sdoh.hub.screening;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The IG's cond-1/cond-2, proc-1/proc-2 and serv-1/serv-2 rules: when a Condition, Procedure or
 * ServiceRequest names an SDOH domain in its category, its code SHALL come from that domain's value set
 * ({@link SdohDomain#valueSetFor}). One coding in the value set is enough; naming several domains, a
 * code in any one of their value sets is enough (no code belongs to two domains' sets). A domain whose
 * value set this server does not hold cannot be checked and passes.
 */
public final class DomainCodeRule {

	/** Membership questions answered by the terminology service. */
	public interface ValueSets {

		boolean isKnown(String valueSetUrl);

		boolean contains(String valueSetUrl, Coding coding);
	}

	/** Why a code was refused: the element, the value sets it had to come from, a sentence for the caller. */
	public record Violation(String element, List<String> valueSets, String message) {}

	private DomainCodeRule() {}

	public static Optional<Violation> check(String resourceType, List<CodeableConcept> categories, CodeableConcept code,
			ValueSets valueSets) {
		List<String> required = categories.stream()
				.flatMap(category -> category.getCoding().stream())
				.filter(coding -> SdohDomain.CODE_SYSTEM.equals(coding.getSystem()))
				.flatMap(coding -> SdohDomain.ofCode(coding.getCode()).stream())
				.flatMap(domain -> domain.valueSetFor(resourceType).stream())
				.distinct()
				.filter(valueSets::isKnown)
				.toList();
		if (required.isEmpty()) {
			return Optional.empty();
		}
		boolean inAny = required.stream()
				.anyMatch(valueSet -> code.getCoding().stream().anyMatch(coding -> valueSets.contains(valueSet, coding)));
		if (inAny) {
			return Optional.empty();
		}
		String element = resourceType + ".code";
		return Optional.of(new Violation(element, required, element + " " + describe(code)
				+ " is not in the value set " + String.join(" or ", required)
				+ " that the SDOH category requires (SDOH Clinical Care IG, domain value set binding)"));
	}

	private static String describe(CodeableConcept code) {
		List<String> codings = code.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).toList();
		return codings.isEmpty() ? "(no coding)" : String.join(", ", codings);
	}
}
