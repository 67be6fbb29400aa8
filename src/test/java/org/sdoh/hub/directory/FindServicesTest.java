package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Distance;
import org.hl7.fhir.r4.model.HealthcareService.DaysOfWeek;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/** HealthcareService/$find against a seeded directory whose answers are known. */
class FindServicesTest extends FhirServerTestBase {

	private static DirectorySeed seed;
	private static String nearSpanishPantry;
	private static String englishOnlyPantry;
	private static String fullPantry;
	private static String pantryJustOutside;
	private static String saturdayPantry;
	private static String housingService;

	@BeforeEach
	void seedOnce() {
		if (seed != null) {
			return;
		}
		seed = new DirectorySeed(client);
		nearSpanishPantry = seed.service("Near Spanish pantry", 1, 0).domain("food-insecurity", "Food Insecurity")
				.languages("en", "es").capacity(CapacityStatus.CAPACITY)
				.open("09:00:00", "17:00:00", DaysOfWeek.MON, DaysOfWeek.TUE, DaysOfWeek.WED, DaysOfWeek.THU, DaysOfWeek.FRI).store();
		englishOnlyPantry = seed.service("English pantry", 0, 3).domain("food-insecurity", "Food Insecurity")
				.languages("en").capacity(CapacityStatus.CAPACITY).store();
		fullPantry = seed.service("Full pantry", -5, 0).domain("food-insecurity", "Food Insecurity")
				.languages("es").capacity(CapacityStatus.NO_CAPACITY).store();
		pantryJustOutside = seed.service("Pantry just outside", 0, -10.5).domain("food-insecurity", "Food Insecurity")
				.languages("es").capacity(CapacityStatus.CAPACITY).store();
		saturdayPantry = seed.service("Saturday pantry", 7, 0).domain("food-insecurity", "Food Insecurity")
				.languages("es").capacity(CapacityStatus.WAITLIST).open("10:00:00", "14:00:00", DaysOfWeek.SAT).store();
		housingService = seed.service("Housing help", 2, 0).domain("housing-instability", "Housing Instability")
				.languages("es").capacity(CapacityStatus.CAPACITY).store();
		seed.service("Closed-down pantry", 0.5, 0).domain("food-insecurity", "Food Insecurity")
				.languages("es").capacity(CapacityStatus.CAPACITY).inactive().store();
	}

	private Bundle find(String query) {
		return client.search().byUrl(baseUrl() + "/HealthcareService/$find?latitude=" + seed.latitude + "&longitude="
				+ seed.longitude + "&" + query).returnBundle(Bundle.class).execute();
	}

	private static List<String> matches(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
				.map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	@Test
	void findsSpanishFoodServicesAcceptingReferralsWithin10KmNearestFirst() {
		Bundle result = find("distance=10&category=food-insecurity&language=es&accepting-referrals=true");

		assertThat(matches(result)).containsExactly(nearSpanishPantry, saturdayPantry);
		assertThat(result.getTotal()).isEqualTo(2);
	}

	@Test
	void servicesAtNoCapacityAreIncludedWhenNotAskingForReferralAcceptance() {
		assertThat(matches(find("distance=10&category=food-insecurity&language=es")))
				.containsExactly(nearSpanishPantry, fullPantry, saturdayPantry);
	}

	@Test
	void aLargerRadiusReachesTheServiceJustOutside10Km() {
		assertThat(matches(find("distance=11&category=food-insecurity&language=es&accepting-referrals=true")))
				.containsExactly(nearSpanishPantry, saturdayPantry, pantryJustOutside);
	}

	@Test
	void withoutLanguageOrDomainEveryActiveServiceInRangeIsFound() {
		assertThat(matches(find("distance=10")))
				.containsExactly(nearSpanishPantry, housingService, englishOnlyPantry, fullPantry, saturdayPantry);
	}

	@Test
	void openAtLeavesOutServicesClosedAtThatTime() {
		Bundle monday = find("distance=10&category=food-insecurity&language=es&open-at=2026-11-23T10:00:00-05:00");
		Bundle saturday = find("distance=10&category=food-insecurity&language=es&open-at=2026-11-28T11:30:00-05:00");

		assertThat(matches(monday)).containsExactly(nearSpanishPantry);
		assertThat(matches(saturday)).containsExactly(saturdayPantry);
	}

	@Test
	void eachMatchCarriesItsDistanceAndIncludesTheLocationMeasuredTo() {
		Bundle result = find("distance=10&category=food-insecurity&language=es&accepting-referrals=true&_count=1");

		Bundle.BundleEntryComponent first = result.getEntryFirstRep();
		Distance distance = (Distance) first.getSearch().getExtensionByUrl(FindOperationProvider.DISTANCE_EXTENSION).getValue();
		assertThat(distance.getValue().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
		assertThat(distance.getCode()).isEqualTo("km");
		assertThat(result.getEntry()).filteredOn(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE)
				.extracting(e -> e.getResource().fhirType()).containsExactly("Location");
	}

	@Test
	void pagesFollowTheNextLinkInDistanceOrder() {
		Bundle first = find("distance=10&category=food-insecurity&language=es&_count=2");
		Bundle second = client.loadPage().next(first).execute();

		assertThat(matches(first)).containsExactly(nearSpanishPantry, fullPantry);
		assertThat(matches(second)).containsExactly(saturdayPantry);
		assertThat(second.getLink("next")).isNull();
		assertThat(second.getTotal()).isEqualTo(3);
	}

	@Test
	void aStoredLocationCanBeTheCentre() {
		String centre = seed.service("Clinic at the centre", 0, 0).domain("other", "Other").store();
		String location = client.read().resource(org.hl7.fhir.r4.model.HealthcareService.class).withId(centre).execute()
				.getLocationFirstRep().getReference();

		Bundle result = client.search().byUrl(baseUrl() + "/HealthcareService/$find?near-location=" + location
				+ "&distance=1.5&category=food-insecurity").returnBundle(Bundle.class).execute();

		assertThat(matches(result)).containsExactly(nearSpanishPantry);
	}

	@Test
	void badQuestionsAreRefusedWith400AndAnOutcome() {
		assertBadRequest("HealthcareService/$find?distance=10", "needs latitude and longitude");
		assertBadRequest("HealthcareService/$find?latitude=91&longitude=0", "latitude must be within -90..90");
		assertBadRequest("HealthcareService/$find?latitude=1&longitude=1&distance=500", "at most 100.0");
		assertBadRequest("HealthcareService/$find?latitude=1&longitude=1&open-at=2026-11-23T10:00", "UTC offset");
		assertBadRequest("HealthcareService/$find?latitude=1&longitude=1&language=urn:ietf:bcp:47%7C", "needs a code");
		assertBadRequest("HealthcareService/$find?near-location=Location/does-not-exist", "does not exist");
		assertBadRequest("HealthcareService/$find?latitude=abc&longitude=1", "latitude must be a decimal number");
		assertBadRequest("HealthcareService/$find?latitude=1&longitude=1&accepting-referrals=yes", "true or false");
		assertBadRequest("HealthcareService/$find?latitude=1&longitude=1&_count=0", "_count must be at least 1");
	}

	private void assertBadRequest(String url, String message) {
		HttpResponse<String> response = send(request(url).GET());
		assertThat(response.statusCode()).as(url).isEqualTo(400);
		OperationOutcome outcome = parseOutcome(response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(url).contains(message);
	}
}
