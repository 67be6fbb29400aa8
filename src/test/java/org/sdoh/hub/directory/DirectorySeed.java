package org.sdoh.hub.directory;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService.DaysOfWeek;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/**
 * A small directory with known answers, around a random centre so that runs sharing a database never
 * see each other's services: every service is a fixed distance and bearing from the centre and
 * belongs to this seed's own Organization.
 */
final class DirectorySeed {

	static final String DOMAINS = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	static final String LANGUAGES = "urn:ietf:bcp:47";
	static final String ELIGIBILITY = "http://sdoh-referral-hub.org/fhir/CodeSystem/test-eligibility";
	static final String PROVISION = "http://terminology.hl7.org/CodeSystem/service-provision-conditions";
	static final String CHARACTERISTIC = "http://sdoh-referral-hub.org/fhir/CodeSystem/test-characteristic";
	private static final double KM_PER_DEGREE = Math.PI * 6371.0088 / 180;

	final double latitude;
	final double longitude;
	final String organization;
	final List<String> serviceIds = new ArrayList<>();
	private final IGenericClient client;

	DirectorySeed(IGenericClient client) {
		this.client = client;
		Random random = new Random();
		this.latitude = -50 + random.nextDouble() * 100;
		this.longitude = -170 + random.nextDouble() * 340;
		Organization org = new Organization();
		org.setName("Seed CBO " + latitude);
		org.setActive(true);
		this.organization = "Organization/" + client.create().resource(org).execute().getId().getIdPart();
	}

	/** A service {@code northKm}/{@code eastKm} from the centre, with its own Location there. */
	ServiceBuilder service(String name, double northKm, double eastKm) {
		return new ServiceBuilder(name, northKm, eastKm);
	}

	final class ServiceBuilder {
		private final HealthcareService service = new HealthcareService();
		private final List<double[]> sites = new ArrayList<>();
		private String postalCode;

		private ServiceBuilder(String name, double northKm, double eastKm) {
			sites.add(new double[] {northKm, eastKm});
			service.setName(name).setActive(true).setProvidedBy(new Reference(organization));
		}

		ServiceBuilder domain(String code, String display) {
			service.addCategory(new CodeableConcept(new Coding(DOMAINS, code, display)));
			return this;
		}

		ServiceBuilder languages(String... codes) {
			for (String code : codes) {
				service.addCommunication(new CodeableConcept(new Coding(LANGUAGES, code, null)).setText(languageName(code)));
			}
			return this;
		}

		ServiceBuilder capacity(CapacityStatus status) {
			Extension capacity = service.addExtension().setUrl(CapacityStatus.EXTENSION);
			capacity.addExtension(CapacityStatus.STATUS_PART,
					new CodeableConcept(new Coding(CapacityStatus.CODE_SYSTEM, status.code(), status.display())));
			return this;
		}

		ServiceBuilder open(String start, String end, DaysOfWeek... days) {
			HealthcareService.HealthcareServiceAvailableTimeComponent hours = service.addAvailableTime();
			for (DaysOfWeek day : days) {
				hours.addDaysOfWeek(day);
			}
			hours.setAvailableStartTime(start).setAvailableEndTime(end);
			return this;
		}

		ServiceBuilder eligibility(String code) {
			service.addEligibility().setCode(new CodeableConcept(new Coding(ELIGIBILITY, code, null)));
			return this;
		}

		ServiceBuilder cost(String code) {
			service.addServiceProvisionCode(new CodeableConcept(new Coding(PROVISION, code, null)));
			return this;
		}

		ServiceBuilder characteristic(String code) {
			service.addCharacteristic(new CodeableConcept(new Coding(CHARACTERISTIC, code, null)));
			return this;
		}

		ServiceBuilder comment(String text) {
			service.setComment(text);
			return this;
		}

		ServiceBuilder postalCode(String postalCode) {
			this.postalCode = postalCode;
			return this;
		}

		/** One more Location of the service, {@code northKm}/{@code eastKm} from the centre. */
		ServiceBuilder alsoAt(double northKm, double eastKm) {
			sites.add(new double[] {northKm, eastKm});
			return this;
		}

		ServiceBuilder inactive() {
			service.setActive(false);
			return this;
		}

		/** Stores the Locations and the service; returns the service id. */
		String store() {
			for (double[] site : sites) {
				Location location = new Location();
				location.setName(service.getName() + " site");
				location.setManagingOrganization(new Reference(organization));
				double lat = latitude + site[0] / KM_PER_DEGREE;
				double lon = longitude + site[1] / (KM_PER_DEGREE * Math.cos(Math.toRadians(latitude)));
				location.getPosition().setLatitude(lat).setLongitude(lon);
				location.getAddress().setCity("Seedville").addLine(service.getName() + " street").setPostalCode(postalCode);
				IdType locationId = (IdType) client.create().resource(location).execute().getId();
				service.addLocation(new Reference("Location/" + locationId.getIdPart()));
				service.addCoverageArea(new Reference("Location/" + locationId.getIdPart()));
			}
			String id = client.create().resource(service).execute().getId().getIdPart();
			serviceIds.add(id);
			return id;
		}
	}

	private static String languageName(String code) {
		return switch (code) {
			case "es" -> "Spanish";
			case "en" -> "English";
			default -> code;
		};
	}
}
