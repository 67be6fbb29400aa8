package org.sdoh.hub.screening;

import static org.sdoh.hub.screening.SdohDomain.EDUCATIONAL_ATTAINMENT;
import static org.sdoh.hub.screening.SdohDomain.EMPLOYMENT_STATUS;
import static org.sdoh.hub.screening.SdohDomain.FOOD_INSECURITY;
import static org.sdoh.hub.screening.SdohDomain.HEALTH_INSURANCE_COVERAGE_STATUS;
import static org.sdoh.hub.screening.SdohDomain.HOMELESSNESS;
import static org.sdoh.hub.screening.SdohDomain.HOUSING_INSTABILITY;
import static org.sdoh.hub.screening.SdohDomain.INADEQUATE_HOUSING;
import static org.sdoh.hub.screening.SdohDomain.INTIMATE_PARTNER_VIOLENCE;
import static org.sdoh.hub.screening.SdohDomain.MATERIAL_HARDSHIP;
import static org.sdoh.hub.screening.SdohDomain.SDOH_CATEGORY_UNSPECIFIED;
import static org.sdoh.hub.screening.SdohDomain.SOCIAL_CONNECTION;
import static org.sdoh.hub.screening.SdohDomain.STRESS;
import static org.sdoh.hub.screening.SdohDomain.TRANSPORTATION_INSECURITY;
import static org.sdoh.hub.screening.SdohDomain.UTILITY_INSECURITY;
import static org.sdoh.hub.screening.SdohDomain.VETERAN_STATUS;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Type;

/**
 * What the LOINC-coded questions of the shipped instruments (Hunger Vital Sign, AHC HRSN core, PRAPARE)
 * mean: the SDOH domains an answer is about (Observation.category) and which answers flag a possible
 * need (Observation.interpretation = POS). Sources: the IG's Hunger Vital Sign and PRAPARE
 * StructureMaps and examples, and its AHC HRSN guidance (a question is categorised by its whole answer
 * set, so every answer to it gets the same domains; only answers the instrument's authors call
 * positive are flagged, never NEG). A question not listed is {@code sdoh-category-unspecified}.
 */
public final class ScreeningQuestions {

	public static final String AHC_HRSN_PANEL = "96777-8";
	public static final String HITS_TOTAL_SCORE = "95614-4";
	/** AHC HRSN: a safety total (four HITS answers scored 1 to 5) of 11 or more is positive. */
	static final int HITS_POSITIVE_TOTAL = 11;

	private static final Map<String, List<SdohDomain>> DOMAINS = Map.ofEntries(
			Map.entry("88122-7", List.of(FOOD_INSECURITY)),
			Map.entry("88123-5", List.of(FOOD_INSECURITY)),
			Map.entry("88124-3", List.of(FOOD_INSECURITY)),
			Map.entry("71802-3", List.of(HOMELESSNESS)),
			Map.entry("93033-9", List.of(HOUSING_INSTABILITY)),
			Map.entry("96778-6", List.of(INADEQUATE_HOUSING)),
			Map.entry("82589-3", List.of(EDUCATIONAL_ATTAINMENT)),
			Map.entry("67875-5", List.of(EMPLOYMENT_STATUS)),
			Map.entry("76437-3", List.of(HEALTH_INSURANCE_COVERAGE_STATUS)),
			Map.entry("93031-3", List.of(MATERIAL_HARDSHIP)),
			Map.entry("93030-5", List.of(TRANSPORTATION_INSECURITY)),
			Map.entry("93029-7", List.of(SOCIAL_CONNECTION)),
			Map.entry("93038-8", List.of(STRESS)),
			Map.entry("93034-7", List.of(VETERAN_STATUS)),
			Map.entry("96779-4", List.of(UTILITY_INSECURITY)),
			Map.entry("76501-6", List.of(INTIMATE_PARTNER_VIOLENCE)),
			Map.entry("95618-5", List.of(INTIMATE_PARTNER_VIOLENCE)),
			Map.entry("95617-7", List.of(INTIMATE_PARTNER_VIOLENCE)),
			Map.entry("95616-9", List.of(INTIMATE_PARTNER_VIOLENCE)),
			Map.entry("95615-1", List.of(INTIMATE_PARTNER_VIOLENCE)),
			Map.entry(HITS_TOTAL_SCORE, List.of(INTIMATE_PARTNER_VIOLENCE)));

	/**
	 * AHC HRSN asks 71802-3 with answers that cover both homelessness and housing instability (IG
	 * guidance, example 2); PRAPARE's 71802-3 answers are about homelessness only (IG StructureMap).
	 */
	private static final Map<String, List<SdohDomain>> AHC_HRSN_DOMAINS =
			Map.of("71802-3", List.of(HOMELESSNESS, HOUSING_INSTABILITY));

	private static final Map<String, Set<String>> POSITIVE_ANSWERS = Map.of(
			"88122-7", Set.of("LA28397-0", "LA6729-3"), // often / sometimes true
			"88123-5", Set.of("LA28397-0", "LA6729-3"),
			"88124-3", Set.of("LA19952-3"), // at risk
			"71802-3", Set.of("LA31994-9", "LA31995-6"), // AHC: worried about losing it / no steady place
			"96778-6", Set.of("LA31996-4", "LA28580-1", "LA31997-2", "LA31998-0", "LA31999-8", "LA32000-4", "LA32001-2"),
			"93030-5", Set.of("LA33-6"), // AHC: yes
			"96779-4", Set.of("LA33-6", "LA32002-0")); // yes / already shut off

	private ScreeningQuestions() {}

	/** The domains of a question, as asked in the instrument with LOINC panel code {@code panelCode} (may be null). */
	public static List<SdohDomain> domainsOf(String panelCode, String questionCode) {
		if (AHC_HRSN_PANEL.equals(panelCode) && AHC_HRSN_DOMAINS.containsKey(questionCode)) {
			return AHC_HRSN_DOMAINS.get(questionCode);
		}
		return DOMAINS.getOrDefault(questionCode, List.of(SDOH_CATEGORY_UNSPECIFIED));
	}

	/** Whether this answer to the question flags a possible health-related social need. */
	public static boolean isPositive(String questionCode, Type answer) {
		if (answer instanceof Coding coding) {
			return POSITIVE_ANSWERS.getOrDefault(questionCode, Set.of()).contains(coding.getCode());
		}
		return HITS_TOTAL_SCORE.equals(questionCode) && answer instanceof IntegerType total
				&& total.getValue() != null && total.getValue() >= HITS_POSITIVE_TOTAL;
	}
}
