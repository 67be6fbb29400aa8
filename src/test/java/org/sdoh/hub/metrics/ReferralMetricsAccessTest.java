package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who sees which numbers, with tokens, over the history of {@link MetricsHistory}: an organization
 * sees its own referrals in full and the network with strata of fewer than 5 referrals masked;
 * administrators see everything; nobody else's organization report is shown.
 */
class ReferralMetricsAccessTest extends SecuredServerTestBase {

	private static final String YEAR_2020 = "$evaluate-measure?periodStart=2020&periodEnd=2020";
	private static final String CBO_SCOPES = "system/Task.rus system/ServiceRequest.rs system/Patient.rs";

	@Autowired
	private ReferralFactStore store;

	@BeforeEach
	void history() {
		MetricsHistory.seed(store);
	}

	private static String cboA() {
		return TestTokens.token(new Claims("cbo-system", "service-account-cbo-system", MetricsHistory.CBO_A, null,
				List.of("cbo-system"), CBO_SCOPES));
	}

	private static String clinic2() {
		return TestTokens.token(new Claims("ehr-system", "service-account-ehr-system", MetricsHistory.CLINIC_2, null,
				List.of("ehr-system"), "system/Task.cruds system/ServiceRequest.cruds"));
	}

	private static String networkAdmin() {
		return TestTokens.token(new Claims("network-operator", "operator", null, null, List.of("network-admin"), ADMIN_SCOPE));
	}

	private String report(String measure, String subject, String token) {
		HttpResponse<String> response = get("Measure/" + measure + "/" + YEAR_2020 + (subject == null ? "" : "&subject=" + subject), token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return ReportText.of(fhirContext.newJsonParser().parseResource(MeasureReport.class, response.body()));
	}

	@Test
	void aCboSeesTheNetworkWithStrataOfFewerThanFiveReferralsMasked() {
		assertThat(report("referral-volume", null, cboA())).isEqualTo("""
				referrals: initial-population=10
				  owner Organization/m-cbo-a: initial-population=7
				  owner Organization/m-cbo-b: initial-population=<5
				  requester Organization/m-clinic-1: initial-population=6
				  requester Organization/m-clinic-2: initial-population=<5
				  domain food-insecurity: initial-population=6
				  domain housing-instability: initial-population=<5
				  month 2020-01: initial-population=6
				  month 2020-02: initial-population=<5
				  week 2020-W02: initial-population=<5
				  week 2020-W03: initial-population=<5
				  week 2020-W04: initial-population=<5
				  week 2020-W06: initial-population=<5
				  month-domain 2020-01|food-insecurity: initial-population=<5
				  month-domain 2020-01|housing-instability: initial-population=<5
				  month-domain 2020-02|food-insecurity: initial-population=<5
				  month-domain 2020-02|housing-instability: initial-population=<5
				""");
	}

	@Test
	void maskingHidesEveryCountAndTheScoreOfASmallStratum() {
		assertThat(ReportText.group(report("referral-closed-loop", null, cboA()), "closed-loop")).contains(
				"closed-loop: initial-population=10 denominator=10 numerator=3 score=0.3000\n",
				"  owner Organization/m-cbo-a: initial-population=7 denominator=7 numerator=3 score=0.4286\n",
				"  owner Organization/m-cbo-b: initial-population=<5 denominator=<5 numerator=<5 score=<5\n");
		assertThat(report("referral-reasons", null, cboA())).isEqualTo("""
				rejected: initial-population=2
				  reason at-capacity: initial-population=<5
				cancelled: initial-population=1
				  reason declined-by-client: initial-population=<5
				""");
	}

	@Test
	void aCboSeesItsOwnReferralsUnmasked() {
		assertThat(report("referral-volume", MetricsHistory.CBO_A, cboA())).isEqualTo("""
				referrals: initial-population=7
				  owner Organization/m-cbo-a: initial-population=7
				  requester Organization/m-clinic-1: initial-population=5
				  requester Organization/m-clinic-2: initial-population=2
				  domain food-insecurity: initial-population=5
				  domain housing-instability: initial-population=2
				  month 2020-01: initial-population=6
				  month 2020-02: initial-population=1
				  week 2020-W02: initial-population=3
				  week 2020-W03: initial-population=2
				  week 2020-W04: initial-population=1
				  week 2020-W06: initial-population=1
				  month-domain 2020-01|food-insecurity: initial-population=4
				  month-domain 2020-01|housing-instability: initial-population=2
				  month-domain 2020-02|food-insecurity: initial-population=1
				""");
	}

	@Test
	void aClinicSeesTheReferralsItSent() {
		assertThat(report("referral-response", MetricsHistory.CLINIC_2, clinic2()))
				.startsWith("accepted: initial-population=4 denominator=4 numerator=1 score=0.2500\n"
						+ "  owner Organization/m-cbo-a: initial-population=2 denominator=2 numerator=0 score=0.0000\n"
						+ "  owner Organization/m-cbo-b: initial-population=2 denominator=2 numerator=1 score=0.5000\n");
	}

	@Test
	void anAdministratorSeesTheNetworkUnmasked() {
		assertThat(report("referral-volume", null, networkAdmin()))
				.contains("  owner Organization/m-cbo-b: initial-population=3\n", "  week 2020-W04: initial-population=1\n");
		assertThat(report("referral-volume", MetricsHistory.CBO_B, networkAdmin())).startsWith("referrals: initial-population=3\n");
	}

	@Test
	void anotherOrganizationsReportIsRefused() {
		HttpResponse<String> response = get("Measure/referral-volume/" + YEAR_2020 + "&subject=" + MetricsHistory.CBO_B, cboA());

		assertThat(response.statusCode()).isEqualTo(403);
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Organization/m-cbo-b");
	}

	@Test
	void withoutATokenThereAreNoNumbers() {
		assertThat(get("Measure/referral-volume/" + YEAR_2020, null).statusCode()).isEqualTo(401);
	}
}
