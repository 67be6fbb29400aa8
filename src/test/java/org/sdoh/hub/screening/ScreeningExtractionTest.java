package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sdoh.hub.screening.OfficialExamples.codes;
import static org.sdoh.hub.screening.OfficialExamples.example;
import static org.sdoh.hub.screening.OfficialExamples.shippedQuestionnaire;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The extraction rules on the official examples, without a server. */
class ScreeningExtractionTest {

	private static final String HVS = "SDOHCC-QuestionnaireHungerVitalSign";
	private static final String PRAPARE = "SDOHCC-QuestionnairePRAPARE";

	@Test
	void hungerVitalSignGivesThreeAnswersOneGroupAndAFoodInsecurityConcern() {
		Bundle transaction = extractStored(HVS, OfficialExamples.HVS_RESPONSE);

		List<Observation> observations = resources(transaction, Observation.class);
		assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode())
				.containsExactly("88122-7", "88123-5", "88124-3", "88121-9");
		Observation group = observations.get(3);
		assertThat(group.getHasMember()).extracting(Reference::getReference)
				.containsExactly(fullUrls(transaction).subList(0, 3).toArray(String[]::new));
		assertThat(observations).allSatisfy(o -> {
			assertThat(o.getDerivedFromFirstRep().getReference())
					.isEqualTo("QuestionnaireResponse/SDOHCC-QuestionnaireResponseHungerVitalSignExample");
			assertThat(o.getSubject().getReference()).isEqualTo("Patient/pat-53234");
			assertThat(o.getMeta().getProfile().get(0).getValue()).isEqualTo(ScreeningExtraction.SCREENING_RESPONSE_PROFILE);
		});
		assertThat(resources(transaction, Condition.class)).singleElement().satisfies(condition ->
				assertThat(codes(List.of(condition.getCode()))).containsExactly(
						"http://snomed.info/sct|733423003", "http://hl7.org/fhir/sid/icd-10-cm|Z59.4"));
	}

	@Test
	void hungerVitalSignQuestion3EqualsTheOfficialObservationInCodeValueCategoryAndInterpretation() {
		Observation official = example(Observation.class, OfficialExamples.HVS_QUESTION_3);

		Observation extracted = resources(extractStored(HVS, OfficialExamples.HVS_RESPONSE), Observation.class).get(2);

		assertThat(extracted.getCode().getCodingFirstRep().equalsShallow(official.getCode().getCodingFirstRep())).isTrue();
		assertThat(extracted.getValue().equalsDeep(official.getValue())).isTrue();
		assertThat(codes(extracted.getCategory())).isEqualTo(codes(official.getCategory()));
		assertThat(codes(extracted.getInterpretation())).isEqualTo(codes(official.getInterpretation()));
		assertThat(extracted.getEffectiveDateTimeType().getValueAsString())
				.isEqualTo(official.getEffectiveDateTimeType().getValueAsString());
	}

	@Test
	void foodInsecurityConcernIsUnconfirmedWithTheOfficialCategoriesAndCitesThePositiveAnswers() {
		Condition official = example(Condition.class, OfficialExamples.FOOD_INSECURITY_CONDITION);
		Bundle transaction = extractStored(HVS, OfficialExamples.HVS_RESPONSE);

		Condition concern = resources(transaction, Condition.class).get(0);

		assertThat(concern.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("unconfirmed");
		assertThat(concern.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
		assertThat(codes(concern.getCategory())).isEqualTo(codes(official.getCategory()));
		assertThat(concern.getEvidenceFirstRep().getDetail()).extracting(Reference::getReference)
				.containsExactly(fullUrls(transaction).subList(0, 3).toArray(String[]::new));
	}

	@Test
	void prapareObservationsEqualTheFourOfficialExamplesInCodeValueAndCategory() {
		List<Observation> extracted = resources(extractStored(PRAPARE, OfficialExamples.PRAPARE_RESPONSE), Observation.class);

		for (String file : OfficialExamples.PRAPARE_OBSERVATIONS) {
			Observation official = example(Observation.class, file);
			assertThat(extracted).as(file).filteredOn(o -> o.getCode().getCodingFirstRep().getCode()
							.equals(official.getCode().getCodingFirstRep().getCode()) && o.getValue().equalsDeep(official.getValue()))
					.singleElement()
					.satisfies(o -> assertThat(codes(o.getCategory())).isEqualTo(codes(official.getCategory())));
		}
	}

	@Test
	void prapareRepeatingAnswersBecomeOneObservationEachAndNumbersCarryTheirUnit() {
		List<Observation> extracted = resources(extractStored(PRAPARE, OfficialExamples.PRAPARE_RESPONSE), Observation.class);

		assertThat(extracted).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("93031-3")).hasSize(2);
		assertThat(extracted).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("32624-9")).hasSize(2);
		Quantity household = (Quantity) extracted.stream()
				.filter(o -> o.getCode().getCodingFirstRep().getCode().equals("63512-8")).findFirst().orElseThrow().getValue();
		assertThat(household.getValue().intValue()).isEqualTo(6);
		assertThat(household.getCode()).isEqualTo("{#}");
		assertThat(extracted.get(extracted.size() - 1).getCode().getCodingFirstRep().getCode()).isEqualTo("93025-5");
	}

	@Test
	void prapareProposesHomelessnessUnemploymentAndTransportationConcerns() {
		List<Condition> concerns = resources(extractStored(PRAPARE, OfficialExamples.PRAPARE_RESPONSE), Condition.class);

		assertThat(concerns).extracting(c -> c.getCode().getCodingFirstRep().getCode())
				.containsExactly("32911000", "73438004", "Z59.82");
	}

	@Test
	void aNegativeHungerVitalSignProposesNoConcernAndFlagsNothing() {
		QuestionnaireResponse response = example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE);
		response.getItem().forEach(item -> item.getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA28398-8", "Never true")));
		response.getItem().get(2).getAnswerFirstRep().setValue(new Coding("http://loinc.org", "LA19983-8", "No risk"));

		Bundle transaction = ScreeningExtraction.toTransaction(shippedQuestionnaire(HVS), response, true);

		assertThat(resources(transaction, Condition.class)).isEmpty();
		assertThat(resources(transaction, Observation.class)).allSatisfy(o -> assertThat(o.hasInterpretation()).isFalse());
	}

	@Test
	void aResponseNotYetStoredTravelsInTheTransactionAndTheObservationsPointAtIt() {
		QuestionnaireResponse response = example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE);

		Bundle transaction = ScreeningExtraction.toTransaction(shippedQuestionnaire(HVS), response, false);

		Bundle.BundleEntryComponent first = transaction.getEntryFirstRep();
		assertThat(first.getResource()).isInstanceOf(QuestionnaireResponse.class);
		assertThat(first.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
		assertThat(resources(transaction, Observation.class))
				.allSatisfy(o -> assertThat(o.getDerivedFromFirstRep().getReference()).isEqualTo(first.getFullUrl()));
	}

	@Test
	void anInProgressResponseIsRefusedNamingItsStatus() {
		QuestionnaireResponse response = example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE);
		response.setStatus(QuestionnaireResponseStatus.INPROGRESS);

		assertThatThrownBy(() -> ScreeningExtraction.toTransaction(shippedQuestionnaire(HVS), response, true))
				.isInstanceOfSatisfying(ScreeningInputException.class,
						e -> assertThat(e.element()).isEqualTo("QuestionnaireResponse.status"));
	}

	@Test
	void aResponseWithoutSubjectOrAuthoredIsRefusedNamingTheElement() {
		QuestionnaireResponse noSubject = example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE).setSubject(null);
		QuestionnaireResponse noAuthored = example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE).setAuthored(null);

		assertThatThrownBy(() -> ScreeningExtraction.toTransaction(shippedQuestionnaire(HVS), noSubject, true))
				.isInstanceOfSatisfying(ScreeningInputException.class,
						e -> assertThat(e.element()).isEqualTo("QuestionnaireResponse.subject"));
		assertThatThrownBy(() -> ScreeningExtraction.toTransaction(shippedQuestionnaire(HVS), noAuthored, true))
				.isInstanceOfSatisfying(ScreeningInputException.class,
						e -> assertThat(e.element()).isEqualTo("QuestionnaireResponse.authored"));
	}

	@Test
	void anAnswerToAnItemTheQuestionnaireDoesNotHaveIsRefusedNamingTheLinkId() {
		QuestionnaireResponse response = example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE);
		response.addItem().setLinkId("/99999-9").addAnswer().setValue(new Coding("http://loinc.org", "LA33-6", "Yes"));

		assertThatThrownBy(() -> ScreeningExtraction.toTransaction(shippedQuestionnaire(HVS), response, true))
				.isInstanceOf(ScreeningInputException.class).hasMessageContaining("'/99999-9'");
	}

	private static Bundle extractStored(String questionnaireId, String responseFile) {
		QuestionnaireResponse response = example(QuestionnaireResponse.class, responseFile);
		return ScreeningExtraction.toTransaction(shippedQuestionnaire(questionnaireId), response, true);
	}

	static <T> List<T> resources(Bundle bundle, Class<T> type) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(type::isInstance).map(type::cast).toList();
	}

	private static List<String> fullUrls(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
	}
}
