package org.sdoh.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;

class RestRoundTripTest extends FhirServerTestBase {

	private static final String MRN = "urn:test:mrn";

	@Test
	void createReadUpdateAndHistoryKeepEveryVersion() {
		String mrn = unique("crud");
		Patient patient = patient(mrn, "Okafor");

		IdType id = (IdType) client.create().resource(patient).execute().getId();
		Patient read = client.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
		read.getNameFirstRep().setFamily("Okafor-Mensah");
		MethodOutcome updated = client.update().resource(read).execute();
		Bundle history = client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();

		assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(mrn);
		assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
		assertThat(history.getEntry()).hasSize(2);
		Patient latest = client.read().resource(Patient.class).withId(id.toUnqualifiedVersionless()).execute();
		assertThat(latest.getNameFirstRep().getFamily()).isEqualTo("Okafor-Mensah");
	}

	@Test
	void searchByIdentifierFindsExactlyTheCreatedPatient() {
		String mrn = unique("search");
		client.create().resource(patient(mrn, "Lindqvist")).execute();
		client.create().resource(patient(unique("other"), "Lindqvist")).execute();

		Bundle found = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndCode(MRN, mrn))
				.returnBundle(Bundle.class).execute();

		assertThat(found.getTotal()).isEqualTo(1);
		assertThat(((Patient) found.getEntryFirstRep().getResource()).getNameFirstRep().getFamily()).isEqualTo("Lindqvist");
	}

	@Test
	void fullTextContentAndTextSearchFindNewlyWrittenResources() {
		String word = "zq" + Long.toHexString(System.nanoTime());
		Patient patient = patient(unique("fulltext"), "Whitfield");
		patient.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Prefers " + word + " contact</div>");
		patient.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED);
		patient.getNameFirstRep().addGiven(word);
		client.create().resource(patient).execute();

		Bundle byContent = client.search().byUrl("Patient?_content=" + word).returnBundle(Bundle.class).execute();
		Bundle byText = client.search().byUrl("Patient?_text=" + word).returnBundle(Bundle.class).execute();

		assertThat(byContent.getEntry()).hasSize(1);
		assertThat(byText.getEntry()).hasSize(1);
	}

	@Test
	void referralTransactionStoresPatientServiceRequestAndTaskTogether() {
		String mrn = unique("txn");
		Bundle transaction = referralTransaction(mrn, null);

		Bundle response = client.transaction().withBundle(transaction).execute();

		assertThat(response.getEntry()).hasSize(4);
		assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
		Bundle tasks = client.search().byUrl("Task?patient.identifier=" + MRN + "|" + mrn + "&_include=Task:focus")
				.returnBundle(Bundle.class).execute();
		assertThat(tasks.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactlyInAnyOrder("Task", "ServiceRequest");
	}

	@Test
	void transactionWithOneBrokenEntryStoresNothing() {
		String mrn = unique("txn-broken");
		Bundle transaction = referralTransaction(mrn, "Organization/does-not-exist");

		assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
				.isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
					assertThat(e.getStatusCode()).isBetween(400, 499);
					assertThat(e.getMessage()).contains("Organization/does-not-exist");
				});
		Bundle patients = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndCode(MRN, mrn))
				.returnBundle(Bundle.class).execute();
		assertThat(patients.getTotal()).isZero();
	}

	static Patient patient(String mrn, String family) {
		Patient patient = new Patient();
		patient.addIdentifier(new Identifier().setSystem(MRN).setValue(mrn));
		patient.addName().setFamily(family).addGiven("Test");
		return patient;
	}

	/** Patient + ServiceRequest + Task linked by urn:uuid references; owner may be null. */
	static Bundle referralTransaction(String mrn, String owner) {
		Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
		String patientUrn = "urn:uuid:" + java.util.UUID.randomUUID();
		String requestUrn = "urn:uuid:" + java.util.UUID.randomUUID();
		String requesterUrn = "urn:uuid:" + java.util.UUID.randomUUID();
		bundle.addEntry().setFullUrl(requesterUrn).setResource(new org.hl7.fhir.r4.model.Organization().setName("Referring clinic"))
				.getRequest().setMethod(HTTPVerb.POST).setUrl("Organization");
		bundle.addEntry().setFullUrl(patientUrn).setResource(patient(mrn, "Referral"))
				.getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
		ServiceRequest request = Referrals.serviceRequest(patientUrn);
		bundle.addEntry().setFullUrl(requestUrn).setResource(request).getRequest().setMethod(HTTPVerb.POST).setUrl("ServiceRequest");
		Task task = Referrals.referralTask(requestUrn, patientUrn, requesterUrn, owner);
		bundle.addEntry().setResource(task).getRequest().setMethod(HTTPVerb.POST).setUrl("Task");
		return bundle;
	}
}
