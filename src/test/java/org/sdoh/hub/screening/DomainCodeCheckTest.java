package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;

/** serv-1/2, cond-1/2, proc-1/2 on write: a code outside its SDOH domain's value set is refused (default REJECT). */
class DomainCodeCheckTest extends FhirServerTestBase {

	private static final String VSAC = "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.";
	private static final Coding HOMELESS = new Coding("http://snomed.info/sct", "32911000", "Homeless");
	private static final Coding FOOD_INSECURITY = new Coding("http://snomed.info/sct", "733423003", "Food insecurity");

	private String patient;
	private String identifier;

	@BeforeEach
	void newPatient() {
		patient = client.create().resource(new Patient()).execute().getId().toUnqualifiedVersionless().getValue();
		identifier = unique("domain-check");
	}

	@Test
	void aFoodInsecurityServiceRequestWithAHomelessnessCodeIsRefusedNamingTheFoodServiceRequestValueSet() {
		ServiceRequest request = Referrals.serviceRequest(patient).addIdentifier(new Identifier().setSystem("urn:test").setValue(identifier));
		request.setCode(new CodeableConcept(HOMELESS)).addCategory(domain("food-insecurity"));

		HttpResponse<String> response = post(request);

		assertThat(response.statusCode()).isEqualTo(422);
		OperationOutcome.OperationOutcomeIssueComponent issue = parseOutcome(response.body()).getIssueFirstRep();
		assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.CODEINVALID);
		assertThat(issue.getExpression().get(0).getValue()).isEqualTo("ServiceRequest.code");
		assertThat(issue.getDiagnostics()).contains(VSAC + "1247.11").contains("http://snomed.info/sct|32911000");
		assertThat(count("ServiceRequest?identifier=urn:test|" + identifier)).isZero();
	}

	@Test
	void aFoodInsecurityServiceRequestWithAFoodPantryCodeIsStored() {
		ServiceRequest request = Referrals.serviceRequest(patient);
		request.addCategory(domain("food-insecurity"));

		assertThat(post(request).statusCode()).isEqualTo(201);
	}

	@Test
	void aHomelessnessConditionWithAFoodInsecurityCodeIsRefusedNamingTheHomelessnessConditionValueSet() {
		Condition condition = new Condition().setSubject(new Reference(patient)).setCode(new CodeableConcept(FOOD_INSECURITY));
		condition.addCategory(domain("homelessness"));

		HttpResponse<String> response = post(condition);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains(VSAC + "1247.18");
	}

	@Test
	void aFoodInsecurityProcedureWithAHomelessnessCodeIsRefusedNamingTheFoodProcedureValueSet() {
		Procedure procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setSubject(new Reference(patient))
				.setCode(new CodeableConcept(HOMELESS)).setCategory(domain("food-insecurity"));

		HttpResponse<String> response = post(procedure);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains(VSAC + "1247.7");
	}

	@Test
	void aWrongDomainCodeInsideATransactionRefusesTheWholeTransaction() {
		ServiceRequest good = Referrals.serviceRequest(patient).addIdentifier(new Identifier().setSystem("urn:test").setValue(identifier));
		good.addCategory(domain("food-insecurity"));
		ServiceRequest bad = Referrals.serviceRequest(patient).addIdentifier(new Identifier().setSystem("urn:test").setValue(identifier));
		bad.setCode(new CodeableConcept(HOMELESS)).addCategory(domain("food-insecurity"));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(good).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");
		transaction.addEntry().setResource(bad).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("ServiceRequest");

		HttpResponse<String> response = send(request("").header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(transaction))));

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(count("ServiceRequest?identifier=urn:test|" + identifier)).isZero();
	}

	private HttpResponse<String> post(IBaseResource resource) {
		return send(request(fhirContext.getResourceType(resource)).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource))));
	}

	private int count(String search) {
		return client.search().byUrl(search + "&_summary=count").returnBundle(Bundle.class).execute().getTotal();
	}

	private static CodeableConcept domain(String code) {
		return new CodeableConcept(new Coding(SdohDomain.CODE_SYSTEM, code, null));
	}
}
