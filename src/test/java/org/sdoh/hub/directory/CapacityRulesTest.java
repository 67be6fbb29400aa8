package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.HealthcareService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapacityRulesTest {

	private static HealthcareService reporting(CapacityStatus status) {
		HealthcareService service = new HealthcareService();
		new CapacityReport(status, null, null, null).applyTo(service);
		return service;
	}

	@ParameterizedTest
	@CsvSource({"capacity, true", "no-capacity, false", "waitlist, true", "additional-assessment-required, true"})
	void onlyNoCapacityTurnsReferralsAway(String code, boolean accepts) {
		assertThat(CapacityStatus.fromCode(code).orElseThrow().acceptsReferrals()).isEqualTo(accepts);
	}

	@Test
	void aReportedStatusIsReadBackFromTheGravityExtension() {
		assertThat(CapacityStatus.of(reporting(CapacityStatus.WAITLIST))).contains(CapacityStatus.WAITLIST);
		assertThat(CapacityStatus.of(new HealthcareService())).isEmpty();
	}

	@Test
	void aNewReportReplacesTheOldOneAndDropsCountsItDoesNotRepeat() {
		HealthcareService service = new HealthcareService();
		new CapacityReport(CapacityStatus.WAITLIST, "Three weeks", 0, 9).applyTo(service);

		new CapacityReport(CapacityStatus.CAPACITY, null, null, null).applyTo(service);

		assertThat(service.getExtension()).hasSize(1);
		assertThat(CapacityStatus.of(service)).contains(CapacityStatus.CAPACITY);
		assertThat(service.getExtensionByUrl(CapacityStatus.EXTENSION).getExtensionByUrl(CapacityStatus.NOTES_PART)).isNull();
	}

	@Test
	void anOrganizationIsAtCapacityOnlyWhenAServiceReportsFullAndNoneTakesReferrals() {
		assertThat(CapacityRule.organizationAtCapacity(true, false)).isTrue();
		assertThat(CapacityRule.organizationAtCapacity(true, true)).isFalse();
		assertThat(CapacityRule.organizationAtCapacity(false, true)).isFalse();
		assertThat(CapacityRule.organizationAtCapacity(false, false)).isFalse();
	}

	@Test
	void waitlistCapacityAndAssessmentTakeReferralsNoCapacityDoesNot() {
		assertThat(CapacityRule.takingReferrals()).containsExactlyInAnyOrder(
				CapacityStatus.CAPACITY, CapacityStatus.WAITLIST, CapacityStatus.ADDITIONAL_ASSESSMENT_REQUIRED);
	}
}
