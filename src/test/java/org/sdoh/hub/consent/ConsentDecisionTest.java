package org.sdoh.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.consent.ConsentDecision.Recipient;

class ConsentDecisionTest {

	private static final String CBO = "Organization/cbo";
	private static final String PART2 = SensitivityLabels.ACT_CODE + "|42CFRPart2";
	private static final Date NOW = new Date(1_800_000_000_000L);
	private static final Recipient CBO_STRICT = new Recipient(CBO, true, false);
	private static final Recipient CBO_TREATMENT = new Recipient(CBO, true, true);
	private static final Recipient CLINIC = new Recipient("Organization/clinic", false, false);

	private static Consent consentNaming(String organization, String... labels) {
		Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		consent.getProvision().addActor().setReference(new Reference(organization));
		for (String label : labels) {
			String[] parts = label.split("\\|");
			consent.getProvision().addSecurityLabel(new Coding(parts[0], parts[1], null));
		}
		return consent;
	}

	@Test
	void clinicalDataReachesACboOnlyWithAConsentNamingIt() {
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(), List.of(), NOW)).isFalse();
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(), List.of(consentNaming("Organization/other")), NOW)).isFalse();
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(), List.of(consentNaming(CBO)), NOW)).isTrue();
	}

	@Test
	void treatmentDisclosurePolicyReleasesUnlabelledClinicalDataWithoutConsent() {
		assertThat(ConsentDecision.mayDisclose(CBO_TREATMENT, true, List.of(), List.of(), NOW)).isTrue();
	}

	@Test
	void sensitiveDataNeedsAConsentListingEachOfItsLabels() {
		assertThat(ConsentDecision.mayDisclose(CBO_TREATMENT, true, List.of(PART2), List.of(), NOW)).isFalse();
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(PART2), List.of(consentNaming(CBO)), NOW)).isFalse();
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(PART2), List.of(consentNaming(CBO, PART2)), NOW)).isTrue();
		String restricted = SensitivityLabels.CONFIDENTIALITY + "|R";
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(PART2, restricted), List.of(consentNaming(CBO, PART2)), NOW))
				.isFalse();
	}

	@Test
	void sensitiveDataIsWithheldFromTheClinicSideToo() {
		assertThat(ConsentDecision.mayDisclose(CLINIC, true, List.of(PART2), List.of(), NOW)).isFalse();
		assertThat(ConsentDecision.mayDisclose(CLINIC, true, List.of(), List.of(), NOW)).isTrue();
	}

	@Test
	void nonClinicalDataNeedsNoConsent() {
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, false, List.of(), List.of(), NOW)).isTrue();
	}

	@Test
	void aRevokedRejectedDenyingOrExpiredConsentCountsForNothing() {
		Consent inactive = consentNaming(CBO, PART2).setStatus(Consent.ConsentState.INACTIVE);
		Consent rejected = consentNaming(CBO, PART2).setStatus(Consent.ConsentState.REJECTED);
		Consent deny = consentNaming(CBO, PART2);
		deny.getProvision().setType(Consent.ConsentProvisionType.DENY);
		Consent expired = consentNaming(CBO, PART2);
		expired.getProvision().getPeriod().setEnd(new Date(NOW.getTime() - 1));
		Consent future = consentNaming(CBO, PART2);
		future.getProvision().getPeriod().setStart(new Date(NOW.getTime() + 1));
		for (Consent consent : List.of(inactive, rejected, deny, expired, future)) {
			assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(PART2), List.of(consent), NOW)).isFalse();
		}
	}

	@Test
	void theSdohccConsentNamesItsRecipientInOrganization() {
		Consent sdohcc = new Consent().setStatus(Consent.ConsentState.ACTIVE);
		sdohcc.addOrganization(new Reference("https://hub.example.org/fhir/" + CBO + "/_history/2"));
		assertThat(ConsentDecision.mayDisclose(CBO_STRICT, true, List.of(), List.of(sdohcc), NOW)).isTrue();
	}
}
