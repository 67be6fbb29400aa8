package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScreeningQuestionsTest {

	@ParameterizedTest(name = "{0} answered {1}: positive={2}")
	@CsvSource({
		"88122-7, LA28397-0, true", // often true
		"88122-7, LA6729-3, true", // sometimes true
		"88122-7, LA28398-8, false", // never true
		"88123-5, LA6729-3, true",
		"88124-3, LA19952-3, true", // at risk
		"88124-3, LA19983-8, false", // no risk
		"71802-3, LA31993-1, false", // AHC steady place
		"71802-3, LA31994-9, true", // AHC worried about losing it
		"71802-3, LA31995-6, true", // AHC no steady place
		"96778-6, LA28580-1, true", // mold
		"96778-6, LA9-3, false", // none of the above
		"93030-5, LA33-6, true",
		"93030-5, LA32-8, false",
		"96779-4, LA32002-0, true", // already shut off
		"96779-4, LA32-8, false",
		"67875-5, LA17956-6, false", // PRAPARE answers are not flagged: the IG's examples do not
	})
	void positiveAnswersAreTheOnesTheInstrumentsCallPositive(String question, String answer, boolean positive) {
		assertThat(ScreeningQuestions.isPositive(question, new Coding("http://loinc.org", answer, null))).isEqualTo(positive);
	}

	@ParameterizedTest(name = "HITS total {0}: positive={1}")
	@CsvSource({"4, false", "10, false", "11, true", "20, true"})
	void aSafetyTotalOfElevenOrMoreIsPositive(int total, boolean positive) {
		assertThat(ScreeningQuestions.isPositive(ScreeningQuestions.HITS_TOTAL_SCORE, new IntegerType(total))).isEqualTo(positive);
	}

	@ParameterizedTest(name = "{0} in panel {1}: {2}")
	@CsvSource({
		"71802-3, 93025-5, HOMELESSNESS", // PRAPARE
		"71802-3, 96777-8, HOMELESSNESS HOUSING_INSTABILITY", // AHC HRSN
		"88122-7, 88121-9, FOOD_INSECURITY",
		"96779-4, 96777-8, UTILITY_INSECURITY",
		"93031-3, 93025-5, MATERIAL_HARDSHIP",
		"56051-6, 93025-5, SDOH_CATEGORY_UNSPECIFIED", // ethnicity: no SDOH domain
	})
	void questionsMapToTheirDomains(String question, String panel, String domains) {
		assertThat(ScreeningQuestions.domainsOf(panel, question)).extracting(Enum::name)
				.containsExactly(domains.split(" "));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({"88122-7", "95614-4"})
	void freeTextIsNeverPositive(String question) {
		assertThat(ScreeningQuestions.isPositive(question, new StringType("often"))).isFalse();
	}
}
