package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;

/**
 * The CBO gets the screening behind a referral in one request: ServiceRequest.supportingInfo names the
 * QuestionnaireResponse, the positive Observation and the proposed Condition, and
 * {@code _include=ServiceRequest:supporting-info} (the IG's SearchParameter, shipped in ig/) returns them.
 */
class ScreeningTravelsWithTheReferralTest extends FhirServerTestBase {

	@Test
	void includeSupportingInfoReturnsTheResponseItsObservationAndTheConcernWithTheReferral() {
		String patient = client.create().resource(new Patient()).execute().getId().toUnqualifiedVersionless().getValue();
		QuestionnaireResponse screening = OfficialExamples.example(QuestionnaireResponse.class, OfficialExamples.HVS_RESPONSE);
		screening.setId((String) null);
		screening.setSubject(new Reference(patient)).setSource(new Reference(patient));
		String response = client.create().resource(screening).execute().getId().toUnqualifiedVersionless().getValue();
		Parameters store = new Parameters();
		store.addParameter().setName("store").setValue(new BooleanType(true));
		Bundle stored = client.operation().onInstance(new IdType(response)).named("$extract").withParameters(store)
				.returnResourceType(Bundle.class).execute();
		List<String> locations = stored.getEntry().stream().map(e -> e.getResponse().getLocation().replaceAll("/_history/.*", "")).toList();
		String riskObservation = locations.get(2); // 88124-3, food insecurity risk
		String concern = locations.get(locations.size() - 1);

		ServiceRequest referral = Referrals.serviceRequest(patient);
		referral.addCategory(new CodeableConcept(new Coding(SdohDomain.CODE_SYSTEM, "food-insecurity", "Food Insecurity")));
		referral.addSupportingInfo(new Reference(response)).addSupportingInfo(new Reference(riskObservation))
				.addSupportingInfo(new Reference(concern)).addReasonReference(new Reference(concern));
		String referralId = client.create().resource(referral).execute().getId().getIdPart();

		Bundle found = client.search().byUrl("ServiceRequest?_id=" + referralId + "&_include=ServiceRequest:supporting-info")
				.returnBundle(Bundle.class).execute();

		assertThat(found.getEntry()).extracting(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
				.containsExactlyInAnyOrder("ServiceRequest/" + referralId, response, riskObservation, concern);
	}
}
