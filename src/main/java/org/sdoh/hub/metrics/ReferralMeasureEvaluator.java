package org.sdoh.hub.metrics;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupPopulationComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.sdoh.hub.metrics.MetricsAccess.MetricsView;
import org.sdoh.hub.metrics.ReferralFactStore.Statistics;
import org.sdoh.hub.metrics.ReferralFactStore.StratumRow;
import org.sdoh.hub.metrics.ReferralMeasure.Group;
import org.sdoh.hub.referral.BusinessCalendar;
import org.springframework.stereotype.Component;

/**
 * Evaluates a {@link ReferralMeasure} for a period into a summary MeasureReport from one query that
 * returns only aggregates: the groups' totals and every stratum of every stratifier. Counts of masked strata
 * (and their scores) are left out and carry the data-absent-reason {@code masked} instead.
 */
@Component
public class ReferralMeasureEvaluator {

	public static final String MASKED_EXTENSION = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
	public static final String ORGANIZATION_EXTENSION = "http://sdoh-referral-hub.org/fhir/StructureDefinition/referral-metrics-organization";
	public static final String MASKED_BELOW_EXTENSION = "http://sdoh-referral-hub.org/fhir/StructureDefinition/referral-metrics-masked-below";
	/** On an organization stratum's value.text (the reference): the organization's name, for display. */
	public static final String RENDERED_VALUE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/rendered-value";
	private static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";

	private final ReferralFactStore store;
	private final OrganizationNames organizationNames;
	private final ZoneId zone;

	public ReferralMeasureEvaluator(ReferralFactStore store, OrganizationNames organizationNames, BusinessCalendar calendar) {
		this.store = store;
		this.organizationNames = organizationNames;
		this.zone = calendar.zone();
	}

	/** Referrals sent from the start of {@code firstDay} to the end of {@code lastDay} (deployment time zone). */
	public MeasureReport evaluate(ReferralMeasure measure, LocalDate firstDay, LocalDate lastDay, MetricsView view) {
		Instant from = firstDay.atStartOfDay(zone).toInstant();
		Instant to = lastDay.plusDays(1).atStartOfDay(zone).toInstant();
		MeasureReport report = new MeasureReport()
				.setStatus(MeasureReport.MeasureReportStatus.COMPLETE)
				.setType(MeasureReport.MeasureReportType.SUMMARY)
				.setMeasure(measure.url())
				.setDate(new Date());
		report.getPeriod()
				.setStartElement(new DateTimeType(Date.from(from), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(zone)))
				.setEndElement(new DateTimeType(Date.from(to.minusSeconds(1)), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(zone)));
		view.organization().ifPresent(org -> report.addExtension(ORGANIZATION_EXTENSION, new Reference(org)));
		if (view.maskBelow() > 0) {
			report.addExtension(MASKED_BELOW_EXTENSION, new IntegerType(view.maskBelow()));
		}
		Statistics statistics = store.statistics(measure.aggregates(), measure.stratifiers(), from, to, view.organization());
		StratumRow total = statistics.total();
		for (Group group : measure.groups()) {
			MeasureReportGroupComponent reported = report.addGroup();
			reported.getCode().addCoding().setSystem(ReferralMeasure.GROUP_SYSTEM).setCode(group.code());
			boolean masked = view.masks(total.count(Aggregate.REFERRALS));
			group.populations().forEach(p -> fill(reported.addPopulation().setCode(populationCode(p.code())).getCountElement(),
					total.count(p.count()), masked));
			reported.setMeasureScore(score(group, total, masked));
		}
		Map<String, String> names = organizationNames.of(organizations(statistics));
		for (Stratifier stratifier : measure.stratifiers()) {
			List<StratumRow> strata = statistics.strata().get(stratifier);
			for (int g = 0; g < measure.groups().size(); g++) {
				addStratifier(report.getGroup().get(g), measure.groups().get(g), stratifier, strata, view, names);
			}
		}
		return report;
	}

	/** Every organization some stratum is about, to be named in one search. */
	private static Set<String> organizations(Statistics statistics) {
		return statistics.strata().entrySet().stream()
				.filter(e -> e.getKey().isOrganization())
				.flatMap(e -> e.getValue().stream())
				.flatMap(row -> row.key().stream())
				.filter(Objects::nonNull)
				.collect(Collectors.toSet());
	}

	private static void addStratifier(MeasureReportGroupComponent reported, Group group, Stratifier stratifier,
			List<StratumRow> strata, MetricsView view, Map<String, String> names) {
		MeasureReportGroupStratifierComponent out = reported.addStratifier();
		out.addCode().addCoding().setSystem(Stratifier.SYSTEM).setCode(stratifier.code());
		for (StratumRow row : strata) {
			if (row.key().contains(null) || row.count(group.basePopulation()) == 0) {
				continue;
			}
			StratifierGroupComponent stratum = out.addStratum();
			if (row.key().size() == 1) {
				CodeableConcept value = new CodeableConcept().setText(row.key().get(0));
				if (stratifier.isOrganization() && names.containsKey(row.key().get(0))) {
					value.getTextElement().addExtension(RENDERED_VALUE_EXTENSION, new StringType(names.get(row.key().get(0))));
				}
				stratum.setValue(value);
			} else {
				for (int c = 0; c < row.key().size(); c++) {
					stratum.addComponent()
							.setCode(new CodeableConcept().addCoding(new Coding()
									.setSystem(Stratifier.SYSTEM).setCode(stratifier.componentCodes().get(c))))
							.setValue(new CodeableConcept().setText(row.key().get(c)));
				}
			}
			boolean masked = view.masks(row.count(Aggregate.REFERRALS));
			for (ReferralMeasure.Population population : group.populations()) {
				StratifierGroupPopulationComponent p = stratum.addPopulation().setCode(populationCode(population.code()));
				fill(p.getCountElement(), row.count(population.count()), masked);
			}
			stratum.setMeasureScore(score(group, row, masked));
		}
	}

	private static CodeableConcept populationCode(String code) {
		return new CodeableConcept().addCoding(new Coding().setSystem(POPULATION_SYSTEM).setCode(code));
	}

	private static void fill(IntegerType count, long value, boolean masked) {
		if (masked) {
			count.addExtension(MASKED_EXTENSION, new CodeType("masked"));
		} else {
			count.setValue((int) value);
		}
	}

	/** numerator / denominator (4 decimals) for proportions, the duration statistic (2 decimals), or none. */
	private static Quantity score(Group group, StratumRow row, boolean masked) {
		if (!group.hasScore()) {
			return null;
		}
		if (masked) {
			Quantity absent = new Quantity();
			absent.addExtension(MASKED_EXTENSION, new CodeType("masked"));
			return absent;
		}
		if (group.isProportion()) {
			long denominator = row.count(group.population("denominator"));
			return denominator == 0 ? null : new Quantity().setValue(BigDecimal.valueOf(row.count(group.population("numerator")))
					.divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP));
		}
		return group.scoreValue().flatMap(row::value).map(value -> {
			ReferralMeasure.Unit unit = group.unit().orElseThrow();
			Quantity quantity = new Quantity().setValue(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP)).setUnit(unit.display());
			unit.ucum().ifPresent(code -> quantity.setSystem("http://unitsofmeasure.org").setCode(code));
			return quantity;
		}).orElse(null);
	}
}
