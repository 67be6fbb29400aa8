package org.sdoh.hub.screening;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code QuestionnaireResponse/$extract} (SDC), for the screening instruments in terminology/: the
 * response's Questionnaire is looked up by its canonical URL among the stored Questionnaires and
 * {@link ScreeningExtraction} builds the transaction. Without {@code store=true} the transaction is
 * returned for the caller to review and POST; with it, it is stored at once (all or nothing) and the
 * transaction-response is returned. Instance level extracts a stored response; type level takes the
 * response as the {@code questionnaire-response} parameter and puts it in the transaction too.
 */
@Component
public class QuestionnaireResponseExtractProvider {

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final IFhirSystemDao<Bundle, ?> systemDao;

	public QuestionnaireResponseExtractProvider(FhirContext fhirContext, DaoRegistry daoRegistry, IFhirSystemDao<Bundle, ?> systemDao) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.systemDao = systemDao;
	}

	@Description("Extract a stored screening response into SDOHCC Observations and proposed Conditions (a transaction Bundle; stored when store=true)")
	@Operation(name = "$extract", type = QuestionnaireResponse.class, idempotent = false)
	public Bundle extractStored(
			@IdParam IdType id,
			@OperationParam(name = "store", min = 0, max = 1) BooleanType store,
			RequestDetails request) {
		QuestionnaireResponse response = daoRegistry.getResourceDao(QuestionnaireResponse.class).read(id, request);
		return extract(response, true, store, request);
	}

	@Description("Extract the given screening response (parameter questionnaire-response) into a transaction Bundle including it; stored when store=true")
	@Operation(name = "$extract", type = QuestionnaireResponse.class, idempotent = false)
	public Bundle extractGiven(
			@OperationParam(name = "questionnaire-response", min = 1, max = 1) QuestionnaireResponse response,
			@OperationParam(name = "store", min = 0, max = 1) BooleanType store,
			RequestDetails request) {
		return extract(response, false, store, request);
	}

	private Bundle extract(QuestionnaireResponse response, boolean responseIsStored, BooleanType store, RequestDetails request) {
		Bundle transaction;
		try {
			transaction = ScreeningExtraction.toTransaction(questionnaireOf(response), response, responseIsStored);
		} catch (ScreeningInputException e) {
			throw unprocessable(e.element(), e.getMessage());
		}
		return store != null && store.booleanValue() ? systemDao.transaction(request, transaction) : transaction;
	}

	private Questionnaire questionnaireOf(QuestionnaireResponse response) {
		if (!response.hasQuestionnaire()) {
			throw unprocessable("QuestionnaireResponse.questionnaire", "the canonical URL of the questionnaire answered is required");
		}
		String canonical = response.getQuestionnaire();
		String url = canonical.contains("|") ? canonical.substring(0, canonical.indexOf('|')) : canonical;
		List<?> found = daoRegistry.getResourceDao(Questionnaire.class)
				.searchForResources(SearchParameterMap.newSynchronous(Questionnaire.SP_URL, new UriParam(url)), new SystemRequestDetails());
		if (found.isEmpty()) {
			throw unprocessable("QuestionnaireResponse.questionnaire",
					"the questionnaire " + canonical + " is not known to this server (load it into terminology/ or POST it)");
		}
		return (Questionnaire) found.get(0);
	}

	private UnprocessableEntityException unprocessable(String element, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(element + ": " + message)
				.setExpression(List.of(new StringType(element)));
		return new UnprocessableEntityException(fhirContext, outcome);
	}
}
