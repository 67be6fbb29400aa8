package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class FreshnessRuleTest {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
	private static final Duration PERIOD = Duration.ofDays(180);

	@Test
	void anEntryVerifiedWithinThePeriodIsFreshAndOneVerifiedBeforeIsStale() {
		HealthcareService fresh = new HealthcareService();
		Freshness.markVerified(fresh, NOW.minus(Duration.ofDays(179)), null);
		HealthcareService stale = new HealthcareService();
		Freshness.markVerified(stale, NOW.minus(Duration.ofDays(181)), null);

		assertThat(Freshness.isStale(fresh, NOW, PERIOD)).isFalse();
		assertThat(Freshness.isStale(stale, NOW, PERIOD)).isTrue();
	}

	@Test
	void aNeverVerifiedEntryIsJudgedByItsLastUpdate() {
		HealthcareService recentlyEdited = new HealthcareService();
		recentlyEdited.getMeta().setLastUpdated(Date.from(NOW.minus(Duration.ofDays(10))));
		HealthcareService forgotten = new HealthcareService();
		forgotten.getMeta().setLastUpdated(Date.from(NOW.minus(Duration.ofDays(400))));

		assertThat(Freshness.isStale(recentlyEdited, NOW, PERIOD)).isFalse();
		assertThat(Freshness.isStale(forgotten, NOW, PERIOD)).isTrue();
		assertThat(Freshness.isStale(new HealthcareService(), NOW, PERIOD)).isTrue();
	}

	@Test
	void aNewVerificationReplacesThePreviousOne() {
		HealthcareService service = new HealthcareService();
		Freshness.markVerified(service, NOW.minus(Duration.ofDays(300)), new Reference("Organization/a"));

		Freshness.markVerified(service, NOW, new Reference("Organization/b"));

		assertThat(service.getExtensionsByUrl(Freshness.VERIFICATION_EXTENSION)).hasSize(1);
		assertThat(Freshness.verifiedAt(service)).contains(NOW);
	}

	@Test
	void theMaintainingOrganizationDependsOnTheKindOfEntry() {
		HealthcareService service = new HealthcareService().setProvidedBy(new Reference("Organization/cbo"));
		Location location = new Location().setManagingOrganization(new Reference("Organization/landlord"));
		Organization organization = new Organization();
		organization.setId("self");

		assertThat(DirectoryEntries.owningOrganization(service).orElseThrow().getReference()).isEqualTo("Organization/cbo");
		assertThat(DirectoryEntries.owningOrganization(location).orElseThrow().getReference()).isEqualTo("Organization/landlord");
		assertThat(DirectoryEntries.owningOrganization(organization).orElseThrow().getReference()).isEqualTo("Organization/self");
		assertThat(DirectoryEntries.owningOrganization(new HealthcareService())).isEmpty();
	}
}
