package org.sdoh.hub.metrics;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.StringType;
import org.sdoh.hub.security.Caller;

/**
 * {@code GET /fhir/Measure/{id}/$evaluate-measure?periodStart=&periodEnd=[&subject=Organization/x]}:
 * a summary MeasureReport of one referral measure over the referrals sent in the period, for the
 * whole network or one organization (what it sent and received). Who may ask for what is
 * {@link MetricsAccess}. The measures are computed from the referral projection, not by CQL: CQL
 * sees only current resources, not when a Task's status changed.
 */
public class EvaluateMeasureOperation {

	private final ReferralMeasureEvaluator evaluator;
	private final int smallCountThreshold;

	public EvaluateMeasureOperation(ReferralMeasureEvaluator evaluator, int smallCountThreshold) {
		this.evaluator = evaluator;
		this.smallCountThreshold = smallCountThreshold;
	}

	@Operation(name = "$evaluate-measure", type = Measure.class, idempotent = true)
	public MeasureReport evaluateMeasure(
			@IdParam IdType measureId,
			@OperationParam(name = "periodStart", min = 1) DateType periodStart,
			@OperationParam(name = "periodEnd", min = 1) DateType periodEnd,
			@OperationParam(name = "subject") StringType subject,
			@OperationParam(name = "reportType") CodeType reportType) {
		ReferralMeasure measure = ReferralMeasure.byId(measureId.getIdPart())
				.orElseThrow(() -> new ResourceNotFoundException("No referral measure " + measureId.getIdPart()
						+ "; the measures are " + Arrays.stream(ReferralMeasure.values()).map(ReferralMeasure::id).toList()));
		if (reportType != null && !"population".equals(reportType.getValue())) {
			throw new InvalidRequestException("reportType: only 'population' (summary) reports exist for referral measures");
		}
		LocalDate first = firstDay(periodStart, "periodStart");
		LocalDate last = lastDay(periodEnd, "periodEnd");
		if (last.isBefore(first)) {
			throw new InvalidRequestException("periodEnd " + periodEnd.getValueAsString() + " is before periodStart " + periodStart.getValueAsString());
		}
		try {
			return evaluator.evaluate(measure, first, last,
					MetricsAccess.decide(Caller.current(), organization(subject), smallCountThreshold));
		} catch (MetricsAccess.MetricsAccessRefused e) {
			throw new ForbiddenOperationException(e.getMessage());
		}
	}

	private static Optional<String> organization(StringType subject) {
		if (subject == null || subject.isEmpty()) {
			return Optional.empty();
		}
		IdType id = new IdType(subject.getValue());
		if (!"Organization".equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
			throw new InvalidRequestException("subject must be an Organization reference such as Organization/123, not '"
					+ subject.getValue() + "'");
		}
		return Optional.of(id.toUnqualifiedVersionless().getValue());
	}

	private static LocalDate firstDay(DateType date, String name) {
		requireValue(date, name);
		return LocalDate.of(date.getYear(), date.getPrecision() == TemporalPrecisionEnum.YEAR ? 1 : date.getMonth() + 1,
				date.getPrecision() == TemporalPrecisionEnum.DAY ? date.getDay() : 1);
	}

	/** The last day a date stands for: 2026 → 2026-12-31, 2026-02 → 2026-02-28, a day → itself. */
	private static LocalDate lastDay(DateType date, String name) {
		requireValue(date, name);
		return switch (date.getPrecision()) {
			case YEAR -> LocalDate.of(date.getYear(), 12, 31);
			case MONTH -> YearMonth.of(date.getYear(), date.getMonth() + 1).atEndOfMonth();
			default -> LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
		};
	}

	private static void requireValue(DateType date, String name) {
		if (date == null || date.getValue() == null) {
			throw new InvalidRequestException(name + " is required (a date: yyyy, yyyy-MM or yyyy-MM-dd)");
		}
	}
}
