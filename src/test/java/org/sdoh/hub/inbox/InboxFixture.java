package org.sdoh.hub.inbox;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.directory.DirectoryTaskRules;
import org.sdoh.hub.support.Referrals;

/**
 * The referral network the inbox tests and the inbox benchmark work on: the realm user
 * {@code cbo.staff}'s food bank, another CBO, and a clinic whose referrer can be reached by phone.
 * Written by a network administrator through the FHIR API.
 */
public final class InboxFixture {

	/** The organization of the realm's {@code cbo.staff} user (claim fhir_organization). */
	public static final String FOOD_BANK = "Organization/demo-cbo-foodbank";
	public static final String OTHER_CBO = "Organization/inbox-test-other-cbo";
	public static final String REFERRER = "PractitionerRole/inbox-test-referrer";
	public static final String REFERRER_PHONE = "(413) 555-0100";
	public static final String CAPACITY_EXTENSION =
			"http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ExtensionHealthcareServiceCapacityStatus";
	public static final String SDOHCC_CODES = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

	private final IGenericClient admin;

	public InboxFixture(IGenericClient admin) {
		this.admin = admin;
		organization(FOOD_BANK, "Community Food Bank");
		organization(OTHER_CBO, "Other Community Organization");
		organization("Organization/inbox-test-clinic", "Riverside Clinic");
		Practitioner doctor = new Practitioner().addName(new HumanName().setFamily("Rivera").addGiven("Ana"));
		doctor.setId("Practitioner/inbox-test-doctor");
		admin.update().resource(doctor).execute();
		PractitionerRole role = new PractitionerRole()
				.setPractitioner(new Reference(doctor.getIdElement().getValue()))
				.setOrganization(new Reference("Organization/inbox-test-clinic"));
		role.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(REFERRER_PHONE);
		role.setId(REFERRER);
		admin.update().resource(role).execute();
	}

	/** A service of the food bank reporting its capacity with the Gravity extension (as the directory writes it). */
	public String foodPantryOnWaitlist() {
		HealthcareService pantry = new HealthcareService().setActive(true).setName("Inbox Test Pantry")
				.setProvidedBy(new Reference(FOOD_BANK));
		pantry.addType().setText("Food pantry");
		Extension capacity = pantry.addExtension().setUrl(CAPACITY_EXTENSION);
		capacity.addExtension("capacityStatus", new CodeableConcept(new Coding(SDOHCC_CODES, "waitlist", "No Capacity - Has Waitlist")));
		capacity.addExtension("capacityNotes", new StringType("About three weeks"));
		pantry.setId("HealthcareService/inbox-test-pantry");
		admin.update().resource(pantry).execute();
		return "HealthcareService/inbox-test-pantry";
	}

	/** Someone reports that the service's entry is wrong (the directory routes it to the providing organization). */
	public String correction(String service, String description) {
		Task report = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
				.setFocus(new Reference(service)).setDescription(description);
		report.getCode().addCoding().setSystem(DirectoryTaskRules.SYSTEM).setCode(DirectoryTaskRules.CORRECTION);
		return admin.create().resource(report).execute().getId().getIdPart();
	}

	/** A service of the other CBO, which the food bank's staff must not be asked to correct. */
	public String otherCboService() {
		HealthcareService service = new HealthcareService().setActive(true).setName("Other CBO Service")
				.setProvidedBy(new Reference(OTHER_CBO));
		service.setId("HealthcareService/inbox-test-other-service");
		admin.update().resource(service).execute();
		return "HealthcareService/inbox-test-other-service";
	}

	private void organization(String id, String name) {
		Organization organization = new Organization().setName(name).setActive(true);
		organization.setId(id);
		admin.update().resource(organization).execute();
	}

	/** A Spanish-speaking client (family name {@code family}) and a food referral to {@code owner}; returns the Task id. */
	public String referral(String family, String owner) {
		Patient client = new Patient()
				.addName(new HumanName().setFamily(family).addGiven("Rosa"))
				.setBirthDateElement(new DateType("1984-03-12"))
				.setGender(Enumerations.AdministrativeGender.FEMALE);
		client.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("(413) 555-0152");
		client.addCommunication().setPreferred(true).getLanguage().addCoding().setSystem("urn:ietf:bcp:47").setCode("es");
		String patient = created(admin.create().resource(client).execute().getId());
		// screening result without a Consent naming the CBO: the server withholds it (consent rule)
		Observation screening = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(new Reference(patient));
		screening.getCode().setText("Food insecurity screening");
		screening.setValue(new CodeableConcept().setText("Positive"));
		String observation = created(admin.create().resource(screening).execute().getId());
		ServiceRequest request = Referrals.serviceRequest(patient);
		request.getCode().getCodingFirstRep().setDisplay("Assistance with application for food pantry program");
		request.addCategory().addCoding().setSystem(SDOHCC_CODES).setCode("food-insecurity").setDisplay("Food Insecurity");
		request.addNote().setText("Family of four, works evenings");
		request.setRequester(new Reference(REFERRER));
		request.addSupportingInfo(new Reference(observation));
		String focus = created(admin.create().resource(request).execute().getId());
		Task task = Referrals.referralTask(focus, patient, REFERRER, owner);
		return admin.create().resource(task).execute().getId().getIdPart();
	}

	public Task task(String id) {
		return admin.read().resource(Task.class).withId(id).execute();
	}

	private static String created(IIdType id) {
		return id.toUnqualifiedVersionless().getValue();
	}
}
