package org.sdoh.hub.metrics;

import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Quantity;

/**
 * A MeasureReport as lines the tests compare whole: {@code group: population=count ... score=value}
 * and, indented, {@code stratifier value: ...} per stratum; masked counts and scores read {@code <5}.
 */
final class ReportText {

	private ReportText() {}

	static String of(MeasureReport report) {
		StringBuilder out = new StringBuilder();
		for (MeasureReport.MeasureReportGroupComponent group : report.getGroup()) {
			out.append(group.getCode().getCodingFirstRep().getCode()).append(':')
					.append(populations(group.getPopulation().stream().map(p -> line(p.getCode(), p.getCountElement())).toList()))
					.append(score(group.getMeasureScore())).append('\n');
			for (MeasureReport.MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
				String code = stratifier.getCodeFirstRep().getCodingFirstRep().getCode();
				for (MeasureReport.StratifierGroupComponent stratum : stratifier.getStratum()) {
					String value = stratum.hasValue() ? stratum.getValue().getText()
							: stratum.getComponent().stream().map(c -> c.getValue().getText()).collect(Collectors.joining("|"));
					out.append("  ").append(code).append(' ').append(value).append(':')
							.append(populations(stratum.getPopulation().stream().map(p -> line(p.getCode(), p.getCountElement())).toList()))
							.append(score(stratum.getMeasureScore())).append('\n');
				}
			}
		}
		return out.toString();
	}

	/** One group's lines only, for the measures with many groups. */
	static String group(MeasureReport report, String code) {
		return group(of(report), code);
	}

	static String group(String all, String code) {
		StringBuilder out = new StringBuilder();
		boolean inside = false;
		for (String line : all.split("\n")) {
			if (!line.startsWith(" ")) {
				inside = line.startsWith(code + ":");
			}
			if (inside) {
				out.append(line).append('\n');
			}
		}
		return out.toString();
	}

	private static String populations(List<String> populations) {
		return populations.stream().map(p -> " " + p).collect(Collectors.joining());
	}

	private static String line(CodeableConcept code, IntegerType count) {
		return code.getCodingFirstRep().getCode() + "=" + (count.hasExtension(ReferralMeasureEvaluator.MASKED_EXTENSION) ? "<5" : count.getValue());
	}

	private static String score(Quantity score) {
		if (score == null || score.isEmpty()) {
			return "";
		}
		if (score.hasExtension(ReferralMeasureEvaluator.MASKED_EXTENSION)) {
			return " score=<5";
		}
		return " score=" + score.getValue().toPlainString() + (score.hasUnit() ? " " + score.getUnit() : "");
	}
}
