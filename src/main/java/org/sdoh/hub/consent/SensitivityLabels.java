package org.sdoh.hub.consent;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * The security labels that mark data as sensitive (FHIR DS4P): 42 CFR Part 2 substance-use
 * treatment, other legally protected categories, and restricted/very restricted confidentiality.
 * A resource carrying one is released only under a Consent that lists that label.
 */
public final class SensitivityLabels {

	public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
	public static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

	private static final Set<String> SENSITIVE_ACT_CODES =
			Set.of("42CFRPart2", "ETH", "ETHUD", "OPIOIDUD", "PSY", "PSYTHPN", "HIV", "SDV", "SEX", "STD", "SUD", "BH");
	private static final Set<String> SENSITIVE_CONFIDENTIALITY = Set.of("R", "V");

	private SensitivityLabels() {}

	/** The sensitive labels in {@code meta.security}, as {@code system|code}. */
	public static List<String> of(Resource resource) {
		return resource.getMeta().getSecurity().stream()
				.filter(SensitivityLabels::isSensitive)
				.map(SensitivityLabels::key)
				.toList();
	}

	static boolean isSensitive(Coding label) {
		return (ACT_CODE.equals(label.getSystem()) && SENSITIVE_ACT_CODES.contains(label.getCode()))
				|| (CONFIDENTIALITY.equals(label.getSystem()) && SENSITIVE_CONFIDENTIALITY.contains(label.getCode()));
	}

	static String key(Coding label) {
		return label.getSystem() + "|" + label.getCode();
	}
}
