package org.sdoh.hub.storage;

import java.util.List;

/**
 * The resource types this server stores and serves: what the Gravity SDOH Clinical Care actors
 * exchange (referral, directory, screening, consent, messaging), what HAPI needs for conformance,
 * terminology, packages and subscriptions, and provenance. Serving only these (instead of all
 * 146 R4 types) makes start-up faster, /metadata smaller and the API surface explicit. AuditEvent is
 * not here: the audit trail has its own store and endpoint ({@code audit/AuditEventProvider}).
 */
public final class ServedResourceTypes {

	public static final List<String> ALL = List.of(
			// referral workflow
			"ServiceRequest", "Task", "Procedure", "Communication", "CommunicationRequest", "CarePlan", "Goal",
			"Consent", "DocumentReference", "Binary",
			// people and directory
			"Patient", "RelatedPerson", "Practitioner", "PractitionerRole", "Organization", "OrganizationAffiliation",
			"HealthcareService", "Location", "Endpoint", "Group", "Device", "Coverage", "Encounter",
			// screening and assessment
			"Questionnaire", "QuestionnaireResponse", "Observation", "Condition",
			// notification, metrics, security
			"Subscription", "Basic", "Measure", "MeasureReport", "Library", "Provenance", "List",
			// conformance and terminology
			"StructureDefinition", "SearchParameter", "CodeSystem", "ValueSet", "ConceptMap", "NamingSystem",
			"StructureMap", "ImplementationGuide", "CapabilityStatement", "OperationDefinition", "Parameters");

	private ServedResourceTypes() {}
}
