package org.sdoh.hub.screening;

import java.util.Arrays;
import java.util.Optional;

/**
 * The SDOH domains of the Gravity IG (STU3 category codes of SDOHCC-CodeSystemTemporaryCodes) and, per
 * domain, the VSAC value set the IG binds for Condition.code, Procedure.code and ServiceRequest.code when
 * the resource's category names the domain (IG 3.0.0 additional bindings, rules cond-1/2, proc-1/2,
 * serv-1/2). A missing value set means the IG binds none for that domain (the US Core default applies).
 */
public enum SdohDomain {
	DIGITAL_ACCESS("digital-access", "Digital Access", "1247.231", "1247.235", "1247.236"),
	DIGITAL_LITERACY("digital-literacy", "Digital Literacy", "1247.224", "1247.226", "1247.227"),
	EDUCATIONAL_ATTAINMENT("educational-attainment", "Educational Attainment", "1247.103", "1247.56", "1247.57"),
	ELDER_ABUSE("elder-abuse", "Elder Abuse", "1247.63", "1247.67", "1247.68"),
	EMPLOYMENT_STATUS("employment-status", "Employment Status", "1247.42", "1247.59", "1247.60"),
	FINANCIAL_INSECURITY("financial-insecurity", "Financial Insecurity", "1247.108", "1247.32", "1247.31"),
	FOOD_INSECURITY("food-insecurity", "Food Insecurity", "1247.17", "1247.7", "1247.11"),
	HEALTH_INSURANCE_COVERAGE_STATUS("health-insurance-coverage-status", "Health Insurance Coverage Status", "1247.148", "1247.125", "1247.124"),
	HOMELESSNESS("homelessness", "Homelessness", "1247.18", "1247.20", "1247.21"),
	HOUSING_INSTABILITY("housing-instability", "Housing Instability", "1247.24", "1247.44", "1247.45"),
	INADEQUATE_HOUSING("inadequate-housing", "Inadequate Housing", "1247.48", "1247.52", "1247.53"),
	INCARCERATION_STATUS("incarceration-status", "Incarceration Status", "1247.258", "1247.260", "1247.261"),
	INTIMATE_PARTNER_VIOLENCE("intimate-partner-violence", "Intimate Partner Violence", "1247.84", "1247.97", "1247.98"),
	LANGUAGE_ACCESS("language-access", "Language Access", "1247.262", "1247.268", "1247.269"),
	MATERIAL_HARDSHIP("material-hardship", "Material Hardship", "1247.35", "1247.39", "1247.38"),
	MEDICAL_COST_BURDEN("medical-cost-burden", "Medical Cost Burden", "1247.153", "1247.122", "1247.123"),
	PERSONAL_HEALTH_LITERACY("personal-health-literacy", "Personal Health Literacy", "1247.116", "1247.118", "1247.119"),
	PROTECTIVE_FACTOR("protective-factor", "Protective Factor", "1247.311", null, null),
	SDOH_CATEGORY_UNSPECIFIED("sdoh-category-unspecified", "SDOH Category Unspecified", null, null, null),
	SOCIAL_CONNECTION("social-connection", "Social Connection", "1247.81", "1247.94", "1247.95"),
	STRESS("stress", "Stress", "1247.75", "1247.87", "1247.92"),
	TRANSPORTATION_INSECURITY("transportation-insecurity", "Transportation Insecurity", "1247.26", "1247.27", "1247.28"),
	UTILITY_INSECURITY("utility-insecurity", "Utility Insecurity", "1247.243", "1247.247", "1247.252"),
	VETERAN_STATUS("veteran-status", "Veteran Status", "1247.78", "1247.90", "1247.91");

	public static final String CODE_SYSTEM = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	private static final String VSAC = "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.";

	private final String code;
	private final String display;
	private final String conditions;
	private final String procedures;
	private final String serviceRequests;

	SdohDomain(String code, String display, String conditions, String procedures, String serviceRequests) {
		this.code = code;
		this.display = display;
		this.conditions = conditions;
		this.procedures = procedures;
		this.serviceRequests = serviceRequests;
	}

	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	public static Optional<SdohDomain> ofCode(String code) {
		return Arrays.stream(values()).filter(domain -> domain.code.equals(code)).findFirst();
	}

	/** The canonical URL of the domain value set bound for the code of {@code resourceType}, if the IG binds one. */
	public Optional<String> valueSetFor(String resourceType) {
		String oid = switch (resourceType) {
			case "Condition" -> conditions;
			case "Procedure" -> procedures;
			case "ServiceRequest" -> serviceRequests;
			default -> null;
		};
		return Optional.ofNullable(oid).map(id -> VSAC + id);
	}
}
