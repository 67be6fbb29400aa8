package org.sdoh.hub.screening;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * SDC extraction for the screening instruments, driven by the LOINC codes on the Questionnaire's items
 * (the IG's StructureMaps reduced to rules, see {@link ScreeningQuestions} and {@link HealthConcernRules}):
 * every answer of a coded item becomes an SDOHCC Observation Screening Response (categories survey, sdoh
 * and the question's SDOH domains; one Observation per answer of a repeating item; derivedFrom the
 * response), one grouping Observation with the instrument's panel code holds them as hasMember, and
 * each triggered scoring rule proposes an SDOHCC Condition (health concern, unconfirmed) citing the
 * triggering Observations as evidence. The result is a transaction Bundle of POSTs.
 */
public final class ScreeningExtraction {

	public static final String SCREENING_RESPONSE_PROFILE =
			"http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ObservationScreeningResponse";
	public static final String CONDITION_PROFILE = "http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Condition";
	static final String LOINC = "http://loinc.org";
	private static final String UNIT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
	private static final Coding SURVEY =
			new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey");
	private static final Coding SDOH = new Coding("http://hl7.org/fhir/us/core/CodeSystem/us-core-category", "sdoh", "SDOH");
	private static final Coding POSITIVE =
			new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "POS", "Positive");
	private static final Coding HEALTH_CONCERN =
			new Coding("http://hl7.org/fhir/us/core/CodeSystem/condition-category", "health-concern", "Health Concern");

	/** One extracted answer: the question, the answer and where its Observation sits in the transaction. */
	private record ExtractedAnswer(String questionCode, Type answer, String fullUrl) {}

	private final QuestionnaireResponse response;
	private final Map<String, QuestionnaireItemComponent> items = new HashMap<>();
	private final String panelCode;
	private final Reference derivedFrom;
	private final Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
	private final List<ExtractedAnswer> extracted = new ArrayList<>();
	private final Set<SdohDomain> domains = new LinkedHashSet<>();

	private ScreeningExtraction(Questionnaire questionnaire, QuestionnaireResponse response, boolean responseIsStored) {
		this.response = response;
		index(questionnaire.getItem());
		this.panelCode = loincCode(questionnaire.getCode());
		if (responseIsStored) {
			this.derivedFrom = new Reference(response.getIdElement().toUnqualifiedVersionless().getValue());
		} else {
			// Not stored yet: it travels in the transaction, so derivedFrom (IG rule assess-2) can point at it.
			this.derivedFrom = new Reference(add(response.copy()));
		}
	}

	/**
	 * The transaction for {@code response}, an answer set of {@code questionnaire}. {@code responseIsStored}:
	 * the Observations point at the stored response; otherwise the response is part of the transaction.
	 */
	public static Bundle toTransaction(Questionnaire questionnaire, QuestionnaireResponse response, boolean responseIsStored) {
		requireExtractable(response);
		ScreeningExtraction extraction = new ScreeningExtraction(questionnaire, response, responseIsStored);
		extraction.extractItems(response.getItem());
		extraction.addGroupingObservation(questionnaire);
		extraction.addHealthConcerns();
		return extraction.transaction;
	}

	private static void requireExtractable(QuestionnaireResponse response) {
		if (response.getStatus() != QuestionnaireResponseStatus.COMPLETED
				&& response.getStatus() != QuestionnaireResponseStatus.AMENDED) {
			throw new ScreeningInputException("QuestionnaireResponse.status",
					"only a completed or amended response is extracted, this one is "
							+ (response.hasStatus() ? response.getStatus().toCode() : "without status"));
		}
		if (!response.getSubject().hasReference()) {
			throw new ScreeningInputException("QuestionnaireResponse.subject", "the patient screened is required");
		}
		if (!response.hasAuthored()) {
			throw new ScreeningInputException("QuestionnaireResponse.authored", "the time of the answers is required");
		}
	}

	private void index(List<QuestionnaireItemComponent> questionnaireItems) {
		for (QuestionnaireItemComponent item : questionnaireItems) {
			items.put(item.getLinkId(), item);
			index(item.getItem());
		}
	}

	private void extractItems(List<QuestionnaireResponseItemComponent> responseItems) {
		for (QuestionnaireResponseItemComponent item : responseItems) {
			QuestionnaireItemComponent question = items.get(item.getLinkId());
			if (question == null) {
				throw new ScreeningInputException("QuestionnaireResponse.item.linkId",
						"'" + item.getLinkId() + "' is not an item of the questionnaire " + response.getQuestionnaire());
			}
			String questionCode = loincCode(question.getCode());
			for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
				if (questionCode != null && answer.hasValue()) {
					extractAnswer(question, questionCode, answer.getValue());
				}
				extractItems(answer.getItem());
			}
			extractItems(item.getItem());
		}
	}

	private void extractAnswer(QuestionnaireItemComponent question, String questionCode, Type answer) {
		Extension unitExtension = question.getExtensionByUrl(UNIT_EXTENSION);
		Coding unit = unitExtension == null ? null : (Coding) unitExtension.getValue();
		ObservationValues.of(answer, unit).ifPresent(value -> {
			List<SdohDomain> questionDomains = ScreeningQuestions.domainsOf(panelCode, questionCode);
			domains.addAll(questionDomains);
			Observation observation = screeningObservation(questionDomains, loincCoding(question.getCode()));
			observation.setValue(value);
			if (ScreeningQuestions.isPositive(questionCode, answer)) {
				observation.addInterpretation(new CodeableConcept(POSITIVE.copy()));
			}
			extracted.add(new ExtractedAnswer(questionCode, answer, add(observation)));
		});
	}

	private void addGroupingObservation(Questionnaire questionnaire) {
		if (panelCode == null || extracted.isEmpty()) {
			return;
		}
		Observation group = screeningObservation(List.copyOf(domains), loincCoding(questionnaire.getCode()));
		extracted.forEach(answer -> group.addHasMember(new Reference(answer.fullUrl())));
		add(group);
	}

	private Observation screeningObservation(List<SdohDomain> categories, Coding code) {
		Observation observation = new Observation();
		observation.getMeta().addProfile(SCREENING_RESPONSE_PROFILE);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(SURVEY.copy()));
		observation.addCategory(new CodeableConcept(SDOH.copy()));
		categories.forEach(domain -> observation.addCategory(domainCategory(domain)));
		observation.setCode(new CodeableConcept(code.copy()));
		observation.setSubject(response.getSubject().copy());
		observation.setEffective(authored());
		observation.setIssued(response.getAuthored());
		// Screening answers are reported by whoever answered: the response's source, else the patient.
		observation.addPerformer((response.hasSource() ? response.getSource() : response.getSubject()).copy());
		observation.addDerivedFrom(derivedFrom.copy());
		return observation;
	}

	private void addHealthConcerns() {
		for (HealthConcernRules.Rule rule : HealthConcernRules.RULES) {
			List<Reference> evidence = extracted.stream()
					.filter(answer -> answer.answer() instanceof Coding coding && rule.triggeredBy(answer.questionCode(), coding))
					.map(answer -> new Reference(answer.fullUrl()))
					.toList();
			if (!evidence.isEmpty()) {
				add(healthConcern(rule, evidence));
			}
		}
	}

	private Condition healthConcern(HealthConcernRules.Rule rule, List<Reference> evidence) {
		Condition condition = new Condition();
		condition.getMeta().addProfile(CONDITION_PROFILE);
		condition.setClinicalStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
		// Proposed only: the IG asks for unconfirmed until the clinician and the patient agree.
		condition.setVerificationStatus(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "unconfirmed", "Unconfirmed")));
		condition.addCategory(new CodeableConcept(HEALTH_CONCERN.copy()));
		condition.addCategory(new CodeableConcept(SDOH.copy()));
		condition.addCategory(domainCategory(rule.domain()));
		CodeableConcept code = new CodeableConcept();
		rule.code().forEach(coding -> code.addCoding(coding.copy()));
		condition.setCode(code);
		condition.setSubject(response.getSubject().copy());
		condition.setOnset(new Period().setStartElement(authored()));
		condition.setRecordedDateElement(authored());
		condition.addEvidence().setDetail(evidence);
		return condition;
	}

	private DateTimeType authored() {
		return response.getAuthoredElement().copy();
	}

	/** Adds a POST entry with a fresh urn:uuid and returns that full URL for references inside the transaction. */
	private String add(Resource resource) {
		String fullUrl = "urn:uuid:" + UUID.randomUUID();
		resource.setId((String) null);
		transaction.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
				.setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
		return fullUrl;
	}

	private static CodeableConcept domainCategory(SdohDomain domain) {
		return new CodeableConcept(new Coding(SdohDomain.CODE_SYSTEM, domain.code(), domain.display()));
	}

	private static Coding loincCoding(List<Coding> codes) {
		return codes.stream().filter(coding -> LOINC.equals(coding.getSystem())).findFirst().orElse(null);
	}

	private static String loincCode(List<Coding> codes) {
		Coding coding = loincCoding(codes);
		return coding == null ? null : coding.getCode();
	}
}
