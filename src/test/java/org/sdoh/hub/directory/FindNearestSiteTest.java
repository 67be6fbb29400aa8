package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Distance;
import org.hl7.fhir.r4.model.HealthcareService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** $find ranks, dedups and pages in the database: each service once at its nearest site, totals past the last page. */
class FindNearestSiteTest extends FhirServerTestBase {

	private static DirectorySeed seed;
	private static String twoSitePantry;
	private static String onePantry;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void seedOnce() {
		if (seed != null) {
			return;
		}
		seed = new DirectorySeed(client);
		twoSitePantry = seed.service("Two-site pantry", 8, 0).alsoAt(0, 2).domain("food-insecurity", "Food Insecurity").store();
		onePantry = seed.service("One-site pantry", 0, -5).domain("food-insecurity", "Food Insecurity").store();
	}

	private Bundle find(String query) {
		return client.search().byUrl(baseUrl() + "/HealthcareService/$find?latitude=" + seed.latitude + "&longitude="
				+ seed.longitude + "&distance=10&category=food-insecurity&" + query).returnBundle(Bundle.class).execute();
	}

	private static List<String> matches(Bundle bundle) {
		return bundle.getEntry().stream().filter(e -> e.getSearch().getMode() == SearchEntryMode.MATCH)
				.map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	@Test
	void aServiceWithTwoSitesIsFoundOnceAtItsNearestAndThatSiteIsIncluded() {
		Bundle result = find("_count=10");

		assertThat(matches(result)).containsExactly(twoSitePantry, onePantry);
		assertThat(result.getTotal()).isEqualTo(2);
		Distance nearest = (Distance) result.getEntryFirstRep().getSearch()
				.getExtensionByUrl(FindOperationProvider.DISTANCE_EXTENSION).getValue();
		assertThat(nearest.getValue().doubleValue()).isCloseTo(2.0, within(0.01));
		HealthcareService stored = client.read().resource(HealthcareService.class).withId(twoSitePantry).execute();
		String farSite = stored.getLocation().get(0).getReferenceElement().getIdPart();
		String nearSite = stored.getLocation().get(1).getReferenceElement().getIdPart();
		assertThat(result.getEntry()).filteredOn(e -> e.getSearch().getMode() == SearchEntryMode.INCLUDE)
				.extracting(e -> e.getResource().getIdElement().getIdPart())
				.hasSize(2).contains(nearSite).doesNotContain(farSite);
	}

	@Test
	void aPagePastTheLastHasNoMatchesButStillTheTotal() {
		Bundle result = find("_count=10&_offset=5");

		assertThat(matches(result)).isEmpty();
		assertThat(result.getTotal()).isEqualTo(2);
		assertThat(result.getLink("next")).isNull();
	}

	@Test
	void theDatabaseMeasuresTheDistanceGeoDistanceMeasures() {
		double[][] pairs = {{42.1015, -72.5898, 42.3601, -71.0589}, {-33.9, 151.2, -33.95, 151.1}, {0, 179.99, 0.01, -179.99}};
		for (double[] pair : pairs) {
			Double km = new NamedParameterJdbcTemplate(jdbc).queryForObject(
					"select " + GeoDistance.kmSql("p.lat", "p.lon") + " from (select cast(:lat as double precision) lat,"
							+ " cast(:lon as double precision) lon) p",
					Map.of("centreLat", pair[0], "centreLon", pair[1], "lat", pair[2], "lon", pair[3]), Double.class);

			assertThat(km).isCloseTo(GeoDistance.km(pair[0], pair[1], pair[2], pair[3]), within(1e-9));
		}
	}
}
