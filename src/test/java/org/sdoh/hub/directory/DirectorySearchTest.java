package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/** Each HealthcareService search parameter a navigator uses, scoped to one seeded organization. */
class DirectorySearchTest extends FhirServerTestBase {

	private static DirectorySeed seed;
	private static String spanishFreePantry;
	private static String englishShelter;

	@BeforeEach
	void seedOnce() {
		if (seed != null) {
			return;
		}
		seed = new DirectorySeed(client);
		spanishFreePantry = seed.service("Westside food pantry", 1, 1).domain("food-insecurity", "Food Insecurity")
				.languages("es").eligibility("low-income").cost("free").characteristic("wheelchair-accessible")
				.capacity(CapacityStatus.CAPACITY).comment("Food pantry with Spanish speaking volunteers").store();
		englishShelter = seed.service("Harbor night shelter", 2, 2).domain("housing-instability", "Housing Instability")
				.languages("en").eligibility("adults").cost("cost").characteristic("near-transit")
				.capacity(CapacityStatus.NO_CAPACITY).comment("Emergency beds for adults").store();
	}

	private List<String> ids(String query) {
		Bundle bundle = client.search().byUrl(baseUrl() + "/HealthcareService?organization=" + seed.organization + "&" + query)
				.returnBundle(Bundle.class).execute();
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() != SearchEntryMode.INCLUDE)
				.map(e -> e.getResource().getIdElement().getIdPart()).sorted().toList();
	}

	@Test
	void languageSearchUsesCommunication() {
		assertThat(ids("communication=es")).containsExactly(spanishFreePantry);
		assertThat(ids("communication=urn:ietf:bcp:47|en")).containsExactly(englishShelter);
	}

	@Test
	void eligibilitySearchUsesTheEligibilityCode() {
		assertThat(ids("eligibility=" + DirectorySeed.ELIGIBILITY + "|adults")).containsExactly(englishShelter);
	}

	@Test
	void costSearchUsesServiceProvisionCode() {
		assertThat(ids("service-provision-code=free")).containsExactly(spanishFreePantry);
	}

	@Test
	void capacitySearchUsesTheGravityCapacityExtension() {
		assertThat(ids("capacity-status=no-capacity")).containsExactly(englishShelter);
		assertThat(ids("capacity-status=" + CapacityStatus.CODE_SYSTEM + "|capacity")).containsExactly(spanishFreePantry);
	}

	@Test
	void domainAccessibilityCoverageActiveAndNameUseHapisStandardParameters() {
		assertThat(ids("service-category=food-insecurity")).containsExactly(spanishFreePantry);
		assertThat(ids("characteristic=near-transit")).containsExactly(englishShelter);
		assertThat(ids("active=true")).containsExactlyInAnyOrder(spanishFreePantry, englishShelter);
		assertThat(ids("name=harbor")).containsExactly(englishShelter);
		String shelterArea = client.read().resource(org.hl7.fhir.r4.model.HealthcareService.class).withId(englishShelter)
				.execute().getCoverageAreaFirstRep().getReference();
		assertThat(ids("coverage-area=" + shelterArea)).containsExactly(englishShelter);
	}

	@Test
	void fullTextFindsAFoodPantryWithSpanishSpeakers() {
		assertThat(ids("_content=food%20pantry%20spanish")).containsExactly(spanishFreePantry);
	}

	@Test
	void locationAndProvidingOrganizationComeInTheSameBundle() {
		Bundle bundle = client.search().byUrl(baseUrl() + "/HealthcareService?_id=" + spanishFreePantry
				+ "&_include=HealthcareService:location&_include=HealthcareService:organization").returnBundle(Bundle.class).execute();

		assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("HealthcareService", "Location", "Organization");
	}
}
