package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sdoh.hub.screening.OfficialExamples.codes;
import static org.sdoh.hub.screening.OfficialExamples.example;
import static org.sdoh.hub.screening.ScreeningExtractionTest.resources;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/** QuestionnaireResponse/$extract over HTTP, on the official examples, against real PostgreSQL. */
class ScreeningExtractTest extends FhirServerTestBase {

	private String patient;

	@BeforeEach
	void newPatient() {
		patient = client.create().resource(new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier()
				.setSystem("urn:test").setValue(unique("screened")))).execute().getId().toUnqualifiedVersionless().getValue();
	}

	@Test
	void hungerVitalSignExampleExtractsToTheOfficialQuestion3ObservationAndAFoodInsecurityConcern() {
		IdType response = store(OfficialExamples.HVS_RESPONSE);
		Observation official = example(Observation.class, OfficialExamples.HVS_QUESTION_3);

		Bundle transaction = extract(response, false);

		assertThat(transaction.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
		Observation question3 = onlyWithCode(resources(transaction, Observation.class), "88124-3");
		assertThat(codes(List.of(question3.getCode()))).isEqualTo(codes(List.of(official.getCode())));
		assertThat(question3.getValue().equalsDeep(official.getValue())).isTrue();
		assertThat(codes(question3.getCategory())).isEqualTo(codes(official.getCategory()));
		assertThat(question3.getDerivedFromFirstRep().getReference()).isEqualTo(response.getValue());
		Condition concern = resources(transaction, Condition.class).get(0);
		assertThat(codes(List.of(concern.getCode()))).containsExactly(
				"http://snomed.info/sct|733423003", "http://hl7.org/fhir/sid/icd-10-cm|Z59.4");
		assertThat(concern.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("unconfirmed");
		assertThat(stored("Observation?derived-from=" + response.getValue())).isZero();
	}

	@Test
	void prapareExampleExtractsToTheFourOfficialObservationsEqualInCodeValueAndCategory() {
		Bundle transaction = extract(store(OfficialExamples.PRAPARE_RESPONSE), false);

		List<Observation> extracted = resources(transaction, Observation.class);
		for (String file : OfficialExamples.PRAPARE_OBSERVATIONS) {
			Observation official = example(Observation.class, file);
			assertThat(extracted).as(file)
					.filteredOn(o -> codes(List.of(o.getCode())).equals(codes(List.of(official.getCode())))
							&& o.getValue().equalsDeep(official.getValue()))
					.singleElement()
					.satisfies(o -> assertThat(codes(o.getCategory())).isEqualTo(codes(official.getCategory())));
		}
	}

	@Test
	void theReturnedTransactionCanBePostedAsIs() {
		IdType response = store(OfficialExamples.HVS_RESPONSE);

		Bundle result = client.transaction().withBundle(extract(response, false)).execute();

		assertThat(result.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		assertThat(stored("Observation?derived-from=" + response.getValue())).isEqualTo(4);
		assertThat(stored("Condition?subject=" + patient + "&verification-status=unconfirmed")).isEqualTo(1);
	}

	@Test
	void storeTrueStoresObservationsAndConcernsInOneTransaction() {
		IdType response = store(OfficialExamples.PRAPARE_RESPONSE);

		Bundle result = extract(response, true);

		assertThat(result.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
		assertThat(stored("Observation?derived-from=" + response.getValue())).isEqualTo(result.getEntry().size() - 3);
		assertThat(stored("Condition?subject=" + patient + "&category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern"))
				.isEqualTo(3);
	}

	@Test
	void typeLevelExtractTakesAnUnstoredResponseAndPutsItInTheTransaction() {
		QuestionnaireResponse response = officialResponse(OfficialExamples.HVS_RESPONSE);
		Parameters in = new Parameters();
		in.addParameter().setName("questionnaire-response").setResource(response);

		Bundle transaction = client.operation().onType(QuestionnaireResponse.class).named("$extract").withParameters(in)
				.returnResourceType(Bundle.class).execute();

		Bundle.BundleEntryComponent first = transaction.getEntryFirstRep();
		assertThat(first.getResource()).isInstanceOf(QuestionnaireResponse.class);
		assertThat(resources(transaction, Observation.class))
				.allSatisfy(o -> assertThat(o.getDerivedFromFirstRep().getReference()).isEqualTo(first.getFullUrl()));
	}

	@Test
	void aPositiveAhcHrsnScreenProposesHousingInstabilityAndTransportationConcerns() {
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire("http://sdoh-referral-hub.org/fhir/Questionnaire/ahc-hrsn-core")
				.setStatus(QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference(patient))
				.setAuthoredElement(org.hl7.fhir.r4.model.DateTimeType.now());
		response.addItem().setLinkId("/71802-3").addAnswer().setValue(loinc("LA31994-9"));
		response.addItem().setLinkId("/93030-5").addAnswer().setValue(loinc("LA33-6"));
		response.addItem().setLinkId("/88122-7").addAnswer().setValue(loinc("LA28398-8"));
		IdType stored = (IdType) client.create().resource(response).execute().getId().toUnqualifiedVersionless();

		Bundle transaction = extract(stored, false);

		assertThat(resources(transaction, Condition.class)).extracting(c -> c.getCode().getCodingFirstRep().getCode())
				.containsExactly("Z59.811", "Z59.82");
		Observation livingSituation = onlyWithCode(resources(transaction, Observation.class), "71802-3");
		assertThat(codes(livingSituation.getCategory())).endsWith(
				SdohDomain.CODE_SYSTEM + "|homelessness", SdohDomain.CODE_SYSTEM + "|housing-instability");
		assertThat(codes(livingSituation.getInterpretation())).containsExactly(
				"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation|POS");
		assertThat(onlyWithCode(resources(transaction, Observation.class), "96777-8").getHasMember()).hasSize(3);
	}

	@Test
	void anInProgressResponseIsRefusedWith422NamingTheStatusAndNothingIsStored() {
		QuestionnaireResponse response = officialResponse(OfficialExamples.HVS_RESPONSE).setStatus(QuestionnaireResponseStatus.INPROGRESS);
		IdType stored = (IdType) client.create().resource(response).execute().getId().toUnqualifiedVersionless();

		assertThatThrownBy(() -> extract(stored, true))
				.isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
					OperationOutcome outcome = (OperationOutcome) e.getOperationOutcome();
					assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue()).isEqualTo("QuestionnaireResponse.status");
					assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("in-progress");
				});
		assertThat(stored("Observation?subject=" + patient)).isZero();
	}

	@Test
	void aResponseToAQuestionnaireTheServerDoesNotKnowIsRefusedWith422NamingIt() {
		QuestionnaireResponse response = officialResponse(OfficialExamples.HVS_RESPONSE).setQuestionnaire("http://example.org/Questionnaire/unknown");
		IdType stored = (IdType) client.create().resource(response).execute().getId().toUnqualifiedVersionless();

		assertThatThrownBy(() -> extract(stored, false))
				.isInstanceOf(UnprocessableEntityException.class)
				.hasMessageContaining("http://example.org/Questionnaire/unknown");
	}

	@Test
	void extractOfAResponseThatDoesNotExistIs404() {
		assertThatThrownBy(() -> extract(new IdType("QuestionnaireResponse/" + unique("missing")), false))
				.isInstanceOf(ResourceNotFoundException.class);
	}

	private QuestionnaireResponse officialResponse(String file) {
		QuestionnaireResponse response = example(QuestionnaireResponse.class, file);
		response.setId((String) null);
		response.setSubject(new Reference(patient));
		response.setSource(response.hasSource() ? new Reference(patient) : null);
		return response;
	}

	private IdType store(String file) {
		return (IdType) client.create().resource(officialResponse(file)).execute().getId().toUnqualifiedVersionless();
	}

	private Bundle extract(IdType response, boolean store) {
		Parameters in = new Parameters();
		if (store) {
			in.addParameter().setName("store").setValue(new BooleanType(true));
		}
		return client.operation().onInstance(response).named("$extract").withParameters(in)
				.returnResourceType(Bundle.class).execute();
	}

	private int stored(String search) {
		return client.search().byUrl(search + "&_summary=count").returnBundle(Bundle.class).execute().getTotal();
	}

	private static Observation onlyWithCode(List<Observation> observations, String code) {
		return observations.stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals(code)).reduce((a, b) -> {
			throw new AssertionError("more than one Observation with code " + code);
		}).orElseThrow();
	}

	private static Coding loinc(String code) {
		return new Coding("http://loinc.org", code, null);
	}
}
