package org.sdoh.hub.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an organization-bound caller may see, as search criteria HAPI adds to its searches (so
 * counts and pages stay right) and checks on reads by id.
 *
 * <ul>
 *   <li>A CBO (owner side) sees the referral Tasks it owns, their ServiceRequests and Patients, the
 *       ServiceRequests' supporting information, the Procedures closing its Tasks, and the
 *       Communications about its Tasks.</li>
 *   <li>A clinic (requester side) sees everything of its own patients (Patient.managingOrganization),
 *       including their referral Tasks, whoever of the clinic requested them (the IG's Tasks name a
 *       PractitionerRole as requester, so the requester reference alone cannot tell the clinic).</li>
 *   <li>Each sees the Subscriptions it created ({@link SubscriptionRules}).</li>
 *   <li>Directory and conformance resources are public to every authenticated caller.</li>
 *   <li>Any other type is not available to organization-bound callers.</li>
 * </ul>
 * Clinical data found this way is further filtered by consent.
 */
public final class OrganizationScope {

	/** Resource types every authenticated caller may read without narrowing. */
	static final Set<String> PUBLIC_TYPES = Set.of(
			"Organization", "HealthcareService", "Location", "Practitioner", "PractitionerRole", "Endpoint",
			"CodeSystem", "ValueSet", "ConceptMap", "StructureDefinition", "SearchParameter", "Questionnaire",
			"Measure", "Library", "StructureMap", "CapabilityStatement", "OperationDefinition", "NamingSystem");

	/** Clinical types that may travel as a referral's supporting information. */
	static final Set<String> SUPPORTING_TYPES = Set.of(
			"Observation", "Condition", "QuestionnaireResponse", "Goal", "DocumentReference", "Consent");

	/** Includes an organization-bound caller may ask for: each follows a reference out of what it may see. */
	static final Set<String> ALLOWED_INCLUDES = Set.of(
			"Task:focus", "Task:patient", "Task:subject", "Task:owner", "Task:requester", "Task:output",
			"Task:based-on", "ServiceRequest:patient", "ServiceRequest:subject", "ServiceRequest:requester",
			"ServiceRequest:supporting-info", "ServiceRequest:performer", "HealthcareService:location",
			"HealthcareService:organization", "PractitionerRole:practitioner", "PractitionerRole:organization", "Communication:part-of",
			"Communication:based-on");

	/** Reverse includes allowed: the messages about a Task, which are narrowed like the Task itself. */
	static final Set<String> ALLOWED_REVINCLUDES = Set.of("Communication:part-of", "Communication:based-on");

	private OrganizationScope() {}

	/**
	 * The search criteria (parameter name → value) limiting {@code resourceType} to the caller's
	 * organization: empty map for public types, empty Optional when the type is not available.
	 */
	public static Optional<Map<String, String>> criteria(String resourceType, String organization, boolean ownerSide) {
		if (PUBLIC_TYPES.contains(resourceType)) {
			return Optional.of(Map.of());
		}
		if (resourceType.equals("Subscription")) {
			return Optional.of(Map.of("_tag", SubscriptionRules.SUBSCRIBER_TAG + "|" + organization));
		}
		return Optional.ofNullable(ownerSide ? ownerSide(resourceType, organization) : requesterSide(resourceType, organization));
	}

	private static Map<String, String> ownerSide(String type, String organization) {
		if (SUPPORTING_TYPES.contains(type)) {
			return Map.of("_has:ServiceRequest:supporting-info:_has:Task:focus:owner", organization);
		}
		return switch (type) {
			case "Task" -> Map.of("owner", organization);
			case "ServiceRequest" -> Map.of("_has:Task:focus:owner", organization);
			case "Patient" -> Map.of("_has:Task:patient:owner", organization);
			case "Procedure" -> Map.of("_has:Task:output:owner", organization);
			case "Communication" -> Map.of("part-of:Task.owner", organization);
			default -> null;
		};
	}

	private static Map<String, String> requesterSide(String type, String organization) {
		if (SUPPORTING_TYPES.contains(type)) {
			return Map.of("patient.organization", organization);
		}
		return switch (type) {
			case "Patient" -> Map.of("organization", organization);
			case "Task", "ServiceRequest", "Procedure" -> Map.of("patient.organization", organization);
			case "Communication" -> Map.of("part-of:Task.patient.organization", organization);
			default -> null;
		};
	}
}
