package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every referral measure over the hand-computed history of {@link MetricsHistory} (2020), through
 * the REST operation, with authentication off (nothing masked); and the projection following real
 * Task versions written through the API.
 */
class ReferralMetricsTest extends FhirServerTestBase {

	@Autowired
	private ReferralFactStore store;

	@Autowired
	private ReferralHistoryBackfill backfill;

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void history() {
		MetricsHistory.seed(store);
	}

	private MeasureReport evaluate(String measure, String start, String end, String subject) {
		var operation = client.operation().onInstance(new IdType("Measure", measure)).named("$evaluate-measure")
				.withParameter(Parameters.class, "periodStart", new DateType(start))
				.andParameter("periodEnd", new DateType(end));
		if (subject != null) {
			operation = operation.andParameter("subject", new StringType(subject));
		}
		return operation.returnResourceType(MeasureReport.class).useHttpGet().execute();
	}

	private MeasureReport year2020(String measure) {
		return evaluate(measure, "2020", "2020", null);
	}

	@Test
	void volumeCountsReferralsSentPerOwnerRequesterDomainMonthAndWeekInTheDeploymentTimeZone() {
		MeasureReport report = year2020("referral-volume");

		assertThat(report.getMeasure()).isEqualTo("http://sdoh-referral-hub.org/fhir/Measure/referral-volume");
		assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
		assertThat(report.getPeriod().getStartElement().getValueAsString()).isEqualTo("2020-01-01T00:00:00-05:00");
		assertThat(report.getPeriod().getEndElement().getValueAsString()).isEqualTo("2020-12-31T23:59:59-05:00");
		assertThat(ReportText.of(report)).isEqualTo("""
				referrals: initial-population=10
				  owner Organization/m-cbo-a: initial-population=7
				  owner Organization/m-cbo-b: initial-population=3
				  requester Organization/m-clinic-1: initial-population=6
				  requester Organization/m-clinic-2: initial-population=4
				  domain food-insecurity: initial-population=6
				  domain housing-instability: initial-population=4
				  month 2020-01: initial-population=6
				  month 2020-02: initial-population=4
				  week 2020-W02: initial-population=3
				  week 2020-W03: initial-population=2
				  week 2020-W04: initial-population=1
				  week 2020-W06: initial-population=4
				  month-domain 2020-01|food-insecurity: initial-population=4
				  month-domain 2020-01|housing-instability: initial-population=2
				  month-domain 2020-02|food-insecurity: initial-population=2
				  month-domain 2020-02|housing-instability: initial-population=2
				""");
	}

	@Test
	void organizationStrataCarryTheOrganizationsNameWhereItHasOne() {
		MetricsHistory.nameCboA(client);

		MeasureReport report = year2020("referral-volume");

		var byOwner = report.getGroupFirstRep().getStratifier().get(0);
		assertThat(byOwner.getCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("owner");
		assertThat(byOwner.getStratum()).extracting(s -> s.getValue().getText(),
				s -> s.getValue().getTextElement().getExtensionString(ReferralMeasureEvaluator.RENDERED_VALUE_EXTENSION))
				.containsExactly(tuple(MetricsHistory.CBO_A, MetricsHistory.CBO_A_NAME), tuple(MetricsHistory.CBO_B, null));
	}

	@Test
	void acceptedRejectedAndCancelledAreSharesOfTheReferralsSent() {
		assertThat(ReportText.of(year2020("referral-response"))).isEqualTo("""
				accepted: initial-population=10 denominator=10 numerator=5 score=0.5000
				  owner Organization/m-cbo-a: initial-population=7 denominator=7 numerator=4 score=0.5714
				  owner Organization/m-cbo-b: initial-population=3 denominator=3 numerator=1 score=0.3333
				  requester Organization/m-clinic-1: initial-population=6 denominator=6 numerator=4 score=0.6667
				  requester Organization/m-clinic-2: initial-population=4 denominator=4 numerator=1 score=0.2500
				  domain food-insecurity: initial-population=6 denominator=6 numerator=3 score=0.5000
				  domain housing-instability: initial-population=4 denominator=4 numerator=2 score=0.5000
				  month 2020-01: initial-population=6 denominator=6 numerator=3 score=0.5000
				  month 2020-02: initial-population=4 denominator=4 numerator=2 score=0.5000
				  week 2020-W02: initial-population=3 denominator=3 numerator=3 score=1.0000
				  week 2020-W03: initial-population=2 denominator=2 numerator=0 score=0.0000
				  week 2020-W04: initial-population=1 denominator=1 numerator=0 score=0.0000
				  week 2020-W06: initial-population=4 denominator=4 numerator=2 score=0.5000
				rejected: initial-population=10 denominator=10 numerator=2 score=0.2000
				  owner Organization/m-cbo-a: initial-population=7 denominator=7 numerator=1 score=0.1429
				  owner Organization/m-cbo-b: initial-population=3 denominator=3 numerator=1 score=0.3333
				  requester Organization/m-clinic-1: initial-population=6 denominator=6 numerator=0 score=0.0000
				  requester Organization/m-clinic-2: initial-population=4 denominator=4 numerator=2 score=0.5000
				  domain food-insecurity: initial-population=6 denominator=6 numerator=2 score=0.3333
				  domain housing-instability: initial-population=4 denominator=4 numerator=0 score=0.0000
				  month 2020-01: initial-population=6 denominator=6 numerator=1 score=0.1667
				  month 2020-02: initial-population=4 denominator=4 numerator=1 score=0.2500
				  week 2020-W02: initial-population=3 denominator=3 numerator=0 score=0.0000
				  week 2020-W03: initial-population=2 denominator=2 numerator=1 score=0.5000
				  week 2020-W04: initial-population=1 denominator=1 numerator=0 score=0.0000
				  week 2020-W06: initial-population=4 denominator=4 numerator=1 score=0.2500
				cancelled: initial-population=10 denominator=10 numerator=1 score=0.1000
				  owner Organization/m-cbo-a: initial-population=7 denominator=7 numerator=1 score=0.1429
				  owner Organization/m-cbo-b: initial-population=3 denominator=3 numerator=0 score=0.0000
				  requester Organization/m-clinic-1: initial-population=6 denominator=6 numerator=0 score=0.0000
				  requester Organization/m-clinic-2: initial-population=4 denominator=4 numerator=1 score=0.2500
				  domain food-insecurity: initial-population=6 denominator=6 numerator=0 score=0.0000
				  domain housing-instability: initial-population=4 denominator=4 numerator=1 score=0.2500
				  month 2020-01: initial-population=6 denominator=6 numerator=1 score=0.1667
				  month 2020-02: initial-population=4 denominator=4 numerator=0 score=0.0000
				  week 2020-W02: initial-population=3 denominator=3 numerator=0 score=0.0000
				  week 2020-W03: initial-population=2 denominator=2 numerator=1 score=0.5000
				  week 2020-W04: initial-population=1 denominator=1 numerator=0 score=0.0000
				  week 2020-W06: initial-population=4 denominator=4 numerator=0 score=0.0000
				""");
	}

	@Test
	void reasonsAreCountedPerGivenReasonOnlyWhereTheyOccur() {
		assertThat(ReportText.of(year2020("referral-reasons"))).isEqualTo("""
				rejected: initial-population=2
				  reason at-capacity: initial-population=2
				cancelled: initial-population=1
				  reason declined-by-client: initial-population=1
				""");
	}

	@Test
	void closedLoopRateCountsCompletedReferralsWithAnOutput() {
		assertThat(ReportText.of(year2020("referral-closed-loop"))).isEqualTo("""
				closed-loop: initial-population=10 denominator=10 numerator=3 score=0.3000
				  owner Organization/m-cbo-a: initial-population=7 denominator=7 numerator=3 score=0.4286
				  owner Organization/m-cbo-b: initial-population=3 denominator=3 numerator=0 score=0.0000
				  requester Organization/m-clinic-1: initial-population=6 denominator=6 numerator=3 score=0.5000
				  requester Organization/m-clinic-2: initial-population=4 denominator=4 numerator=0 score=0.0000
				  domain food-insecurity: initial-population=6 denominator=6 numerator=3 score=0.5000
				  domain housing-instability: initial-population=4 denominator=4 numerator=0 score=0.0000
				  month 2020-01: initial-population=6 denominator=6 numerator=2 score=0.3333
				  month 2020-02: initial-population=4 denominator=4 numerator=1 score=0.2500
				  week 2020-W02: initial-population=3 denominator=3 numerator=2 score=0.6667
				  week 2020-W03: initial-population=2 denominator=2 numerator=0 score=0.0000
				  week 2020-W04: initial-population=1 denominator=1 numerator=0 score=0.0000
				  week 2020-W06: initial-population=4 denominator=4 numerator=1 score=0.2500
				""");
	}

	@Test
	void unansweredCountsReferralsFlaggedOverdue() {
		assertThat(ReportText.of(year2020("referral-unanswered"))).isEqualTo("""
				overdue: initial-population=10 denominator=10 numerator=2 score=0.2000
				  owner Organization/m-cbo-a: initial-population=7 denominator=7 numerator=1 score=0.1429
				  owner Organization/m-cbo-b: initial-population=3 denominator=3 numerator=1 score=0.3333
				  requester Organization/m-clinic-1: initial-population=6 denominator=6 numerator=2 score=0.3333
				  requester Organization/m-clinic-2: initial-population=4 denominator=4 numerator=0 score=0.0000
				  domain food-insecurity: initial-population=6 denominator=6 numerator=1 score=0.1667
				  domain housing-instability: initial-population=4 denominator=4 numerator=1 score=0.2500
				  month 2020-01: initial-population=6 denominator=6 numerator=1 score=0.1667
				  month 2020-02: initial-population=4 denominator=4 numerator=1 score=0.2500
				  week 2020-W02: initial-population=3 denominator=3 numerator=0 score=0.0000
				  week 2020-W03: initial-population=2 denominator=2 numerator=0 score=0.0000
				  week 2020-W04: initial-population=1 denominator=1 numerator=1 score=1.0000
				  week 2020-W06: initial-population=4 denominator=4 numerator=1 score=0.2500
				""");
	}

	/** Accepted after 4, 12, 24, 64, 72 h (0.17, 0.5, 1, 0.67, 3 business days); completed after 24, 48, 120 h (1, 2, 3). */
	@Test
	void timeToAcceptIsMedianAndLinearlyInterpolated90thPercentileInHours() {
		MeasureReport report = year2020("referral-response-times");

		assertThat(ReportText.group(report, "accept-median-hours")).isEqualTo("""
				accept-median-hours: initial-population=10 measure-population=5 score=24.00 hours
				  owner Organization/m-cbo-a: initial-population=7 measure-population=4 score=44.00 hours
				  owner Organization/m-cbo-b: initial-population=3 measure-population=1 score=12.00 hours
				  requester Organization/m-clinic-1: initial-population=6 measure-population=4 score=44.00 hours
				  requester Organization/m-clinic-2: initial-population=4 measure-population=1 score=12.00 hours
				  domain food-insecurity: initial-population=6 measure-population=3 score=24.00 hours
				  domain housing-instability: initial-population=4 measure-population=2 score=38.00 hours
				  month 2020-01: initial-population=6 measure-population=3 score=24.00 hours
				  month 2020-02: initial-population=4 measure-population=2 score=42.00 hours
				  week 2020-W02: initial-population=3 measure-population=3 score=24.00 hours
				  week 2020-W03: initial-population=2 measure-population=0
				  week 2020-W04: initial-population=1 measure-population=0
				  week 2020-W06: initial-population=4 measure-population=2 score=42.00 hours
				  response-band 0-1: initial-population=3 measure-population=3 score=12.00 hours
				  response-band 1-2: initial-population=1 measure-population=1 score=24.00 hours
				  response-band 2-5: initial-population=1 measure-population=1 score=72.00 hours
				""");
		assertThat(ReportText.group(report, "accept-p90-hours")).isEqualTo("""
				accept-p90-hours: initial-population=10 measure-population=5 score=68.80 hours
				  owner Organization/m-cbo-a: initial-population=7 measure-population=4 score=69.60 hours
				  owner Organization/m-cbo-b: initial-population=3 measure-population=1 score=12.00 hours
				  requester Organization/m-clinic-1: initial-population=6 measure-population=4 score=69.60 hours
				  requester Organization/m-clinic-2: initial-population=4 measure-population=1 score=12.00 hours
				  domain food-insecurity: initial-population=6 measure-population=3 score=62.40 hours
				  domain housing-instability: initial-population=4 measure-population=2 score=58.80 hours
				  month 2020-01: initial-population=6 measure-population=3 score=56.00 hours
				  month 2020-02: initial-population=4 measure-population=2 score=66.00 hours
				  week 2020-W02: initial-population=3 measure-population=3 score=56.00 hours
				  week 2020-W03: initial-population=2 measure-population=0
				  week 2020-W04: initial-population=1 measure-population=0
				  week 2020-W06: initial-population=4 measure-population=2 score=66.00 hours
				  response-band 0-1: initial-population=3 measure-population=3 score=53.60 hours
				  response-band 1-2: initial-population=1 measure-population=1 score=24.00 hours
				  response-band 2-5: initial-population=1 measure-population=1 score=72.00 hours
				""");
	}

	@Test
	void timeToAcceptInBusinessDaysLeavesOutWeekends() {
		MeasureReport report = year2020("referral-response-times");

		assertThat(ReportText.group(report, "accept-median-business-days")).isEqualTo("""
				accept-median-business-days: initial-population=10 measure-population=5 score=0.67 business days
				  owner Organization/m-cbo-a: initial-population=7 measure-population=4 score=0.83 business days
				  owner Organization/m-cbo-b: initial-population=3 measure-population=1 score=0.50 business days
				  requester Organization/m-clinic-1: initial-population=6 measure-population=4 score=0.83 business days
				  requester Organization/m-clinic-2: initial-population=4 measure-population=1 score=0.50 business days
				  domain food-insecurity: initial-population=6 measure-population=3 score=1.00 business days
				  domain housing-instability: initial-population=4 measure-population=2 score=0.58 business days
				  month 2020-01: initial-population=6 measure-population=3 score=0.67 business days
				  month 2020-02: initial-population=4 measure-population=2 score=1.75 business days
				  week 2020-W02: initial-population=3 measure-population=3 score=0.67 business days
				  week 2020-W03: initial-population=2 measure-population=0
				  week 2020-W04: initial-population=1 measure-population=0
				  week 2020-W06: initial-population=4 measure-population=2 score=1.75 business days
				  response-band 0-1: initial-population=3 measure-population=3 score=0.50 business days
				  response-band 1-2: initial-population=1 measure-population=1 score=1.00 business days
				  response-band 2-5: initial-population=1 measure-population=1 score=3.00 business days
				""");
		assertThat(ReportText.group(report, "accept-p90-business-days")).isEqualTo("""
				accept-p90-business-days: initial-population=10 measure-population=5 score=2.20 business days
				  owner Organization/m-cbo-a: initial-population=7 measure-population=4 score=2.40 business days
				  owner Organization/m-cbo-b: initial-population=3 measure-population=1 score=0.50 business days
				  requester Organization/m-clinic-1: initial-population=6 measure-population=4 score=2.40 business days
				  requester Organization/m-clinic-2: initial-population=4 measure-population=1 score=0.50 business days
				  domain food-insecurity: initial-population=6 measure-population=3 score=2.60 business days
				  domain housing-instability: initial-population=4 measure-population=2 score=0.65 business days
				  month 2020-01: initial-population=6 measure-population=3 score=0.93 business days
				  month 2020-02: initial-population=4 measure-population=2 score=2.75 business days
				  week 2020-W02: initial-population=3 measure-population=3 score=0.93 business days
				  week 2020-W03: initial-population=2 measure-population=0
				  week 2020-W04: initial-population=1 measure-population=0
				  week 2020-W06: initial-population=4 measure-population=2 score=2.75 business days
				  response-band 0-1: initial-population=3 measure-population=3 score=0.63 business days
				  response-band 1-2: initial-population=1 measure-population=1 score=1.00 business days
				  response-band 2-5: initial-population=1 measure-population=1 score=3.00 business days
				""");
	}

	@Test
	void timeToCompleteCountsOnlyCompletedReferralsFromAcceptance() {
		MeasureReport report = year2020("referral-response-times");

		assertThat(ReportText.group(report, "complete-median-hours")).isEqualTo("""
				complete-median-hours: initial-population=10 measure-population=3 score=48.00 hours
				  owner Organization/m-cbo-a: initial-population=7 measure-population=3 score=48.00 hours
				  owner Organization/m-cbo-b: initial-population=3 measure-population=0
				  requester Organization/m-clinic-1: initial-population=6 measure-population=3 score=48.00 hours
				  requester Organization/m-clinic-2: initial-population=4 measure-population=0
				  domain food-insecurity: initial-population=6 measure-population=3 score=48.00 hours
				  domain housing-instability: initial-population=4 measure-population=0
				  month 2020-01: initial-population=6 measure-population=2 score=84.00 hours
				  month 2020-02: initial-population=4 measure-population=1 score=24.00 hours
				  week 2020-W02: initial-population=3 measure-population=2 score=84.00 hours
				  week 2020-W03: initial-population=2 measure-population=0
				  week 2020-W04: initial-population=1 measure-population=0
				  week 2020-W06: initial-population=4 measure-population=1 score=24.00 hours
				  response-band 0-1: initial-population=3 measure-population=1 score=48.00 hours
				  response-band 1-2: initial-population=1 measure-population=1 score=120.00 hours
				  response-band 2-5: initial-population=1 measure-population=1 score=24.00 hours
				""");
		assertThat(ReportText.group(report, "complete-p90-hours")).contains(
				"complete-p90-hours: initial-population=10 measure-population=3 score=105.60 hours\n",
				"  month 2020-01: initial-population=6 measure-population=2 score=112.80 hours\n");
		assertThat(ReportText.group(report, "complete-median-business-days")).contains(
				"complete-median-business-days: initial-population=10 measure-population=3 score=2.00 business days\n",
				"  month 2020-01: initial-population=6 measure-population=2 score=2.50 business days\n");
		assertThat(ReportText.group(report, "complete-p90-business-days")).contains(
				"complete-p90-business-days: initial-population=10 measure-population=3 score=2.80 business days\n",
				"  month 2020-01: initial-population=6 measure-population=2 score=2.90 business days\n");
	}

	@Test
	void anOrganizationsReportCoversTheReferralsItSentOrReceived() {
		assertThat(ReportText.of(evaluate("referral-volume", "2020-01", "2020-02", MetricsHistory.CLINIC_2))).startsWith("""
				referrals: initial-population=4
				  owner Organization/m-cbo-a: initial-population=2
				  owner Organization/m-cbo-b: initial-population=2
				  requester Organization/m-clinic-2: initial-population=4
				""");
	}

	@Test
	void thePeriodIsDaysInTheDeploymentTimeZone() {
		// r12 was sent 2019-12-31 23:30 in New York (2020-01-01 04:30 UTC), r01 on 2020-01-06
		assertThat(ReportText.group(evaluate("referral-volume", "2019-12-31", "2019-12-31", null), "referrals"))
				.startsWith("referrals: initial-population=1\n");
		assertThat(ReportText.group(evaluate("referral-volume", "2020-01-01", "2020-01-06", null), "referrals"))
				.startsWith("referrals: initial-population=1\n");
	}

	@Test
	void statusChangeTimesAreTheTimesTheTaskVersionsWereStored() {
		String clinic = create(new Organization().setName(unique("Metrics clinic")));
		String cbo = create(new Organization().setName(unique("Metrics CBO")));
		PractitionerRole role = new PractitionerRole().setOrganization(new Reference(clinic));
		String requester = create(role);
		String patient = create(new Patient());
		ServiceRequest request = Referrals.serviceRequest(patient);
		request.addCategory().addCoding().setSystem(ReferralProjection.DOMAIN_SYSTEM).setCode("food-insecurity");
		String focus = create(request);
		Task task = Referrals.referralTask(focus, patient, requester, cbo);
		task.setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType("2019-01-01T00:00:00Z")); // client-supplied: ignored
		org.hl7.fhir.instance.model.api.IIdType id = client.create().resource(task).execute().getId();
		Task stored = client.read().resource(Task.class).withId(id.toUnqualifiedVersionless()).execute();
		stored.setStatus(TaskStatus.ACCEPTED);
		client.update().resource(stored).execute();
		stored = client.read().resource(Task.class).withId(id.toUnqualifiedVersionless()).execute();
		stored.setStatus(TaskStatus.CANCELLED).getStatusReason().setText("Client moved away");
		client.update().resource(stored).execute();

		List<Instant> versionTimes = client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute()
				.getEntry().stream().map(e -> e.getResource().getMeta().getLastUpdated().toInstant()).sorted().toList();
		ReferralFact fact = store.find(id.getIdPart(), MetricsHistory.CALENDAR).orElseThrow();
		assertThat(fact.parties()).isEqualTo(new ReferralParties(cbo, clinic, "food-insecurity"));
		assertThat(fact.requestedAt()).isEqualTo(versionTimes.get(0));
		assertThat(fact.acceptedAt()).isEqualTo(versionTimes.get(1));
		assertThat(fact.closedAt()).isEqualTo(versionTimes.get(2));
		assertThat(fact.status()).isEqualTo("cancelled");
		assertThat(fact.reason()).isEqualTo("Client moved away");

		// a database from before the metrics: the same row is rebuilt from the version history
		jdbc.update("DELETE FROM " + ReferralFactStore.TABLE + " WHERE task_id = ?", id.getIdPart());
		backfill.replay(client.read().resource(Task.class).withId(id.toUnqualifiedVersionless()).execute());
		assertThat(store.find(id.getIdPart(), MetricsHistory.CALENDAR)).contains(fact);
		LocalDate today = LocalDate.now(MetricsHistory.ZONE);
		assertThat(ReportText.of(evaluate("referral-response", today.minusDays(1).toString(), today.plusDays(1).toString(), cbo)))
				.startsWith("accepted: initial-population=1 denominator=1 numerator=1 score=1.0000\n");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = {
		"Measure/referral-volume/$evaluate-measure?periodEnd=2020                          | 400",
		"Measure/referral-volume/$evaluate-measure?periodStart=2020-13-45&periodEnd=2020   | 400",
		"Measure/referral-volume/$evaluate-measure?periodStart=2021&periodEnd=2020         | 400",
		"Measure/referral-volume/$evaluate-measure?periodStart=2020&periodEnd=2020&subject=Patient/1 | 400",
		"Measure/referral-volume/$evaluate-measure?periodStart=2020&periodEnd=2020&reportType=subject | 400",
		"Measure/no-such-measure/$evaluate-measure?periodStart=2020&periodEnd=2020         | 404"
	})
	void badRequestsAreRefusedWithAnOperationOutcome(String url, int status) {
		HttpResponse<String> response = send(request(url.strip()).header("Accept", "application/fhir+json").GET());

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
