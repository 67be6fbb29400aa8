package org.sdoh.hub.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.sdoh.hub.screening.SdohDomain;

/**
 * The screening and terminology cases: $validate-code on the largest shipped value set, $extract of
 * PRAPARE. {@code caller} adds who is calling (a token when the server requires one).
 */
final class ScreeningBench {

	/** The largest value set in terminology/: the 24 SDOH domains. */
	private static final String SDOH_CATEGORY = "http://hl7.org/fhir/us/sdoh-clinicalcare/ValueSet/SDOHCC-ValueSetSDOHCategory";
	private static final String PRAPARE = "terminology/questionnaires/Questionnaire-SDOHCC-QuestionnairePRAPARE.json";
	private static final IParser PARSER = FhirContext.forR4Cached().newJsonParser();

	private ScreeningBench() {}

	static List<LoadRunner.Result> validateCode(LoadRunner runner, String base, UnaryOperator<HttpRequest.Builder> caller)
			throws Exception {
		SdohDomain[] domains = SdohDomain.values();
		String url = base + "/ValueSet/$validate-code?url=" + encode(SDOH_CATEGORY) + "&system=" + encode(SdohDomain.CODE_SYSTEM) + "&code=";
		return List.of(
				runner.run("ValueSet/$validate-code (SDOH category, 24 codes)", 1, 1000,
						i -> get(caller, url + domains[i % domains.length].code())),
				runner.run("ValueSet/$validate-code (SDOH category, 24 codes)", 8, 4000,
						i -> get(caller, url + domains[i % domains.length].code())));
	}

	/** A PRAPARE response answering every question (first option, so some answers are positive), stored once, extracted repeatedly. */
	static List<LoadRunner.Result> extract(LoadRunner runner, String base, UnaryOperator<HttpRequest.Builder> caller, String patient)
			throws Exception {
		String response = store(base, caller, prapareResponse(patient));
		String extract = base + "/" + response + "/$extract";
		Parameters store = new Parameters();
		store.addParameter().setName("store").setValue(new BooleanType(true));
		return List.of(
				runner.run("QuestionnaireResponse/$extract PRAPARE (returned)", 1, 300, i -> post(caller, extract, new Parameters())),
				runner.run("QuestionnaireResponse/$extract PRAPARE (returned)", 8, 800, i -> post(caller, extract, new Parameters())),
				runner.run("QuestionnaireResponse/$extract PRAPARE (store=true)", 8, 300, i -> post(caller, extract, store)));
	}

	private static QuestionnaireResponse prapareResponse(String patient) throws Exception {
		Questionnaire questionnaire;
		try (InputStream in = ScreeningBench.class.getClassLoader().getResourceAsStream(PRAPARE)) {
			questionnaire = PARSER.parseResource(Questionnaire.class, in);
		}
		QuestionnaireResponse response = new QuestionnaireResponse()
				.setQuestionnaire(questionnaire.getUrl())
				.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
				.setSubject(new Reference(patient))
				.setAuthoredElement(DateTimeType.now());
		answer(questionnaire.getItem(), response.getItem());
		return response;
	}

	private static void answer(List<QuestionnaireItemComponent> questions, List<QuestionnaireResponseItemComponent> answers) {
		for (QuestionnaireItemComponent question : questions) {
			QuestionnaireResponseItemComponent item = new QuestionnaireResponseItemComponent().setLinkId(question.getLinkId());
			switch (question.getType()) {
				case GROUP -> answer(question.getItem(), item.getItem());
				case CHOICE -> question.getAnswerOption().stream().limit(question.getRepeats() ? 2 : 1)
						.forEach(option -> item.addAnswer().setValue(option.getValueCoding().copy()));
				case INTEGER -> item.addAnswer().setValue(new IntegerType(3));
				case DECIMAL -> item.addAnswer().setValue(new DecimalType(20000));
				case STRING -> item.addAnswer().setValue(new StringType("Main Street"));
				default -> {
					continue;
				}
			}
			answers.add(item);
		}
	}

	private static String store(String base, UnaryOperator<HttpRequest.Builder> caller, QuestionnaireResponse response)
			throws Exception {
		HttpResponse<String> created = HttpClient.newHttpClient().send(caller.apply(HttpRequest.newBuilder(URI.create(base + "/QuestionnaireResponse")))
				.header("Content-Type", "application/fhir+json").header("Prefer", "return=representation")
				.POST(HttpRequest.BodyPublishers.ofString(PARSER.encodeResourceToString(response))).build(),
				HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("Could not store the PRAPARE response: " + created.body());
		}
		return "QuestionnaireResponse/" + PARSER.parseResource(created.body()).getIdElement().getIdPart();
	}

	private static HttpRequest get(UnaryOperator<HttpRequest.Builder> caller, String url) {
		return caller.apply(HttpRequest.newBuilder(URI.create(url))).header("Accept", "application/fhir+json").GET().build();
	}

	private static HttpRequest post(UnaryOperator<HttpRequest.Builder> caller, String url, Parameters parameters) {
		return caller.apply(HttpRequest.newBuilder(URI.create(url))).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(PARSER.encodeResourceToString(parameters))).build();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
