package org.sdoh.hub.screening;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;

/**
 * The scoring rules that turn screening answers into proposed health concerns (SDOHCC Conditions,
 * verificationStatus unconfirmed until a clinician and the patient agree). Each rule names the answers
 * that trigger it and the Condition code. Sources: the IG's Hunger Vital Sign StructureMap (food
 * insecurity when at risk; HVS marks "often" or "sometimes true" to either question as at risk), its
 * PRAPARE StructureMap (homelessness, unemployment) and the AHC HRSN positive answers (living
 * situation, transportation; PRAPARE's two "yes" answers to the same transportation question count
 * alike). A response yields at most one Condition per rule.
 */
public final class HealthConcernRules {

	static final String SNOMED = "http://snomed.info/sct";
	static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
	private static final Set<String> OFTEN_OR_SOMETIMES_TRUE = Set.of("LA28397-0", "LA6729-3");

	/** One rule: any of {@code triggers} (question code → answer codes) proposes a Condition with {@code code}. */
	public record Rule(SdohDomain domain, Map<String, Set<String>> triggers, List<Coding> code) {

		public boolean triggeredBy(String questionCode, Coding answer) {
			return triggers.getOrDefault(questionCode, Set.of()).contains(answer.getCode());
		}
	}

	public static final List<Rule> RULES = List.of(
			new Rule(SdohDomain.FOOD_INSECURITY,
					Map.of("88122-7", OFTEN_OR_SOMETIMES_TRUE, "88123-5", OFTEN_OR_SOMETIMES_TRUE,
							"88124-3", Set.of("LA19952-3")),
					List.of(new Coding(SNOMED, "733423003", "Food insecurity"),
							new Coding(ICD_10_CM, "Z59.4", "Lack of adequate food"))),
			new Rule(SdohDomain.HOMELESSNESS,
					Map.of("71802-3", Set.of("LA30190-5", "LA31995-6")), // PRAPARE / AHC: no housing
					List.of(new Coding(SNOMED, "32911000", "Homeless"), new Coding(ICD_10_CM, "Z59.0", "Homelessness"))),
			new Rule(SdohDomain.HOUSING_INSTABILITY,
					Map.of("71802-3", Set.of("LA31994-9")), // AHC: worried about losing it
					List.of(new Coding(ICD_10_CM, "Z59.811", "Housing instability, housed, with risk of homelessness"))),
			new Rule(SdohDomain.EMPLOYMENT_STATUS,
					Map.of("67875-5", Set.of("LA17956-6")), // unemployed
					List.of(new Coding(SNOMED, "73438004", "Unemployed"),
							new Coding(ICD_10_CM, "Z56.0", "Unemployment, unspecified"))),
			new Rule(SdohDomain.TRANSPORTATION_INSECURITY,
					Map.of("93030-5", Set.of("LA33-6", "LA30133-5", "LA30134-3")), // AHC yes / PRAPARE yes (medical, other)
					List.of(new Coding(ICD_10_CM, "Z59.82", "Transportation insecurity"))));

	private HealthConcernRules() {}
}
