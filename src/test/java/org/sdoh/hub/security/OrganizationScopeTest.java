package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganizationScopeTest {

	private static final String ORG = "Organization/cbo";

	@ParameterizedTest(name = "owner side {0}: {1}={2}")
	@CsvSource({
		"Task,                  owner,                                                    Organization/cbo",
		"ServiceRequest,        _has:Task:focus:owner,                                    Organization/cbo",
		"Patient,               _has:Task:patient:owner,                                  Organization/cbo",
		"Procedure,             _has:Task:output:owner,                                   Organization/cbo",
		"Communication,         part-of:Task.owner,                                       Organization/cbo",
		"Observation,           _has:ServiceRequest:supporting-info:_has:Task:focus:owner, Organization/cbo",
		"QuestionnaireResponse, _has:ServiceRequest:supporting-info:_has:Task:focus:owner, Organization/cbo",
		"Consent,               _has:ServiceRequest:supporting-info:_has:Task:focus:owner, Organization/cbo"
	})
	void aCboSeesWhatItsOwnReferralTasksReach(String type, String parameter, String value) {
		assertThat(OrganizationScope.criteria(type, ORG, true)).contains(Map.of(parameter, value));
	}

	@ParameterizedTest(name = "requester side {0}: {1}")
	@CsvSource({
		"Task,           patient.organization",
		"ServiceRequest, patient.organization",
		"Procedure,      patient.organization",
		"Observation,    patient.organization",
		"Condition,      patient.organization",
		"Patient,        organization",
		"Communication,  part-of:Task.patient.organization"
	})
	void aClinicSeesEverythingOfItsOwnPatients(String type, String parameter) {
		assertThat(OrganizationScope.criteria(type, ORG, false)).contains(Map.of(parameter, ORG));
	}

	@ParameterizedTest
	@ValueSource(strings = {"HealthcareService", "Organization", "Location", "PractitionerRole", "ValueSet", "CodeSystem", "Questionnaire"})
	void directoryAndConformanceResourcesAreNotNarrowed(String type) {
		assertThat(OrganizationScope.criteria(type, ORG, true)).contains(Map.of());
		assertThat(OrganizationScope.criteria(type, ORG, false)).contains(Map.of());
	}

	@org.junit.jupiter.api.Test
	void eachOrganizationSeesItsOwnSubscriptions() {
		assertThat(OrganizationScope.criteria("Subscription", ORG, true))
				.contains(Map.of("_tag", SubscriptionRules.SUBSCRIBER_TAG + "|" + ORG));
	}

	@ParameterizedTest
	@ValueSource(strings = {"AuditEvent", "Encounter", "Claim", "Coverage", "Basic"})
	void otherTypesAreNotAvailableToOrganizations(String type) {
		assertThat(OrganizationScope.criteria(type, ORG, true)).isEmpty();
		assertThat(OrganizationScope.criteria(type, ORG, false)).isEmpty();
	}
}
