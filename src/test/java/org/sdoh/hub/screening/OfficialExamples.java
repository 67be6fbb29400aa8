package org.sdoh.hub.screening;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Questionnaire;

/** The IG's official examples (../shared/gravity-examples) and our shipped questionnaires, for comparison. */
final class OfficialExamples {

	static final FhirContext R4 = FhirContext.forR4Cached();
	static final String HVS_RESPONSE = "QuestionnaireResponse-SDOHCC-QuestionnaireResponseHungerVitalSignExample.json";
	static final String PRAPARE_RESPONSE = "QuestionnaireResponse-SDOHCC-QuestionnaireResponsePRAPAREExample.json";
	static final String HVS_QUESTION_3 = "Observation-SDOHCC-ObservationResponseHungerVitalSignQuestion3Example.json";
	static final List<String> PRAPARE_OBSERVATIONS = List.of(
			"Observation-SDOHCC-ObservationResponsePRAPAREChildCareNeedExample.json",
			"Observation-SDOHCC-ObservationResponsePRAPAREClothingNeedExample.json",
			"Observation-SDOHCC-ObservationResponsePRAPAREEmploymentStatusExample.json",
			"Observation-SDOHCC-ObservationResponsePRAPAREHousingStatusExample.json");
	static final String FOOD_INSECURITY_CONDITION = "Condition-SDOHCC-ConditionFoodInsecurityExample.json";

	private OfficialExamples() {}

	static <T extends IBaseResource> T example(Class<T> type, String file) {
		return parse(type, Path.of("..", "shared", "gravity-examples", file));
	}

	static Questionnaire shippedQuestionnaire(String id) {
		return parse(Questionnaire.class, Path.of("terminology", "questionnaires", "Questionnaire-" + id + ".json"));
	}

	/** system|code of every coding, the way "equal in code, value and category" is compared. */
	static List<String> codes(List<CodeableConcept> concepts) {
		return concepts.stream().flatMap(c -> c.getCoding().stream()).map(c -> c.getSystem() + "|" + c.getCode())
				.collect(Collectors.toList());
	}

	private static <T extends IBaseResource> T parse(Class<T> type, Path file) {
		try {
			return R4.newJsonParser().parseResource(type, Files.readString(file));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
