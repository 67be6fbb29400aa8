package org.sdoh.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.Referrals;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;

/** A CBO's access to a client's screening follows the client's Consent, request by request. */
class ConsentRevocationTest extends SecuredServerTestBase {

	@Test
	void revokingTheConsentStopsAccessOnTheNextRequest() {
		IGenericClient admin = admin();
		String clinic = create(admin, new Organization().setName(unique("Clinic")));
		String cbo = create(admin, new Organization().setName(unique("Food bank")));
		Patient client = new Patient();
		client.addName().setFamily(unique("Client"));
		client.setManagingOrganization(new Reference(clinic));
		String patient = create(admin, client);
		Observation screening = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		screening.getCode().addCoding(new Coding("http://loinc.org", "88124-3", "Food insecurity risk"));
		screening.setSubject(new Reference(patient));
		String observation = create(admin, screening);
		String serviceRequest = create(admin, Referrals.serviceRequest(patient).addSupportingInfo(new Reference(observation)));
		create(admin, Referrals.referralTask(serviceRequest, patient, clinic, cbo));
		Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE).setPatient(new Reference(patient));
		consent.getScope().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null));
		consent.addCategory().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IDSCL", null));
		consent.getProvision().addActor().setReference(new Reference(cbo));
		String consentId = create(admin, consent);
		String cboToken = TestTokens.token(new Claims("cbo-system", "cbo", cbo, null, List.of("cbo-system"), "system/Observation.rs"));

		assertThat(get(observation, cboToken).statusCode()).isEqualTo(200);

		Consent revoked = admin.read().resource(Consent.class).withUrl(consentId).execute();
		revoked.setStatus(Consent.ConsentState.INACTIVE);
		admin.update().resource(revoked).execute();

		assertThat(get(observation, cboToken).statusCode()).isEqualTo(403);
		assertThat(get("Observation?_id=" + observation.substring(observation.indexOf('/') + 1), cboToken).body())
				.doesNotContain("88124-3").contains("1 resource(s) withheld");
	}

	private static String create(IGenericClient client, Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
