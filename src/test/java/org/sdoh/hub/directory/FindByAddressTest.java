package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Distance;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.TestGeocoder;

/**
 * $find around an address: the centroid of the directory's own Locations with that postal code,
 * else the (stub) geocoder, else 422.
 */
class FindByAddressTest extends FhirServerTestBase {

	private static DirectorySeed seed;
	/** Two offices 2 km north and south of the seed's centre share this postal code; their centroid is the centre. */
	private static String sharedPostalCode;
	private static String northOffice;
	private static String southOffice;
	private static String eastPantry;

	@BeforeEach
	void seedOnce() {
		if (seed != null) {
			return;
		}
		seed = new DirectorySeed(client);
		sharedPostalCode = postalCode();
		northOffice = seed.service("North office", 2, 0).postalCode(sharedPostalCode).store();
		southOffice = seed.service("South office", -2, 0).postalCode(sharedPostalCode).store();
		eastPantry = seed.service("East pantry", 0, 6).store();
	}

	@Test
	void aPostalCodeOfTheDirectoryIsTheCentroidOfItsLocations() {
		Bundle within5 = find("address-postalcode=" + sharedPostalCode + "&distance=5");
		Bundle within7 = find("address-postalcode=" + sharedPostalCode + "&distance=7");

		assertThat(matches(within5)).containsExactlyInAnyOrder(northOffice, southOffice);
		assertThat(distancesKm(within5)).containsExactly(2.0, 2.0);
		assertThat(matches(within7)).containsExactlyInAnyOrder(northOffice, southOffice, eastPantry);
		assertThat(TestGeocoder.queriesFor(sharedPostalCode)).as("the directory knew it; the geocoder is not asked").isEmpty();
	}

	@Test
	void anAddressTheDirectoryDoesNotKnowGoesToTheGeocoder() {
		String postalCode = postalCode();
		// the geocoder places it 6 km east of the centre, where the pantry is
		TestGeocoder.teach(postalCode, seed.latitude, seed.longitude + 6 / (111.195 * Math.cos(Math.toRadians(seed.latitude))));

		Bundle result = find("address-postalcode=" + postalCode + "&address-city=Elsewhere&address=1%20Main%20Street&distance=1");

		assertThat(matches(result)).containsExactly(eastPantry);
		List<Map<String, String>> queries = TestGeocoder.queriesFor(postalCode);
		assertThat(queries).hasSize(1);
		assertThat(queries.get(0)).containsEntry("format", "jsonv2").containsEntry("limit", "1")
				.containsEntry("city", "Elsewhere").containsEntry("street", "1 Main Street");
	}

	@Test
	void anAddressNobodyKnowsIs422WithAnOutcomeSayingSo() {
		String postalCode = postalCode();

		HttpResponse<String> response = send(request("HealthcareService/$find?address-postalcode=" + postalCode).GET());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		OperationOutcome.OperationOutcomeIssueComponent issue = parseOutcome(response.body()).getIssueFirstRep();
		assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
		assertThat(issue.getDiagnostics()).isEqualTo("The address (postal code " + postalCode + ") could not be resolved to coordinates: "
				+ "no directory Location with a position has that address and the geocoder found none. Give latitude and longitude instead.");
		assertThat(TestGeocoder.queriesFor(postalCode)).hasSize(1);
	}

	@Test
	void anAddressAndCoordinatesTogetherAre400() {
		HttpResponse<String> response = send(request("HealthcareService/$find?latitude=1&longitude=1&address-postalcode=01040").GET());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getDiagnostics()).contains("takes one centre");
	}

	private Bundle find(String query) {
		return client.search().byUrl(baseUrl() + "/HealthcareService/$find?" + query).returnBundle(Bundle.class).execute();
	}

	private static List<String> matches(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
				.map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private static List<Double> distancesKm(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
				.map(e -> ((Distance) e.getSearch().getExtensionByUrl(FindOperationProvider.DISTANCE_EXTENSION).getValue()).getValue().doubleValue())
				.toList();
	}

	/** Postal codes of one length, unique per run: HAPI's string match is "starts with". */
	private static String postalCode() {
		return "T" + (10_000_000 + new Random().nextInt(90_000_000));
	}
}
