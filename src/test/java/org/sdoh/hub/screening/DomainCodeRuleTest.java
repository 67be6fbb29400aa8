package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

class DomainCodeRuleTest {

	private static final String FOOD_SERVICE_REQUESTS = "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1247.11";
	private static final String FOOD_CONDITIONS = "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1247.17";
	private static final String HOMELESS_CONDITIONS = "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1247.18";
	private static final Coding FOOD_PANTRY = new Coding("http://snomed.info/sct", "467771000124109", null);
	private static final Coding FOOD_INSECURITY = new Coding("http://snomed.info/sct", "733423003", null);
	private static final Coding HOMELESS = new Coding("http://snomed.info/sct", "32911000", null);

	/** The value sets the server holds, with their members. */
	private static final DomainCodeRule.ValueSets KNOWN = new DomainCodeRule.ValueSets() {
		private final Map<String, Set<String>> members = Map.of(
				FOOD_SERVICE_REQUESTS, Set.of(FOOD_PANTRY.getCode()),
				FOOD_CONDITIONS, Set.of(FOOD_INSECURITY.getCode()),
				HOMELESS_CONDITIONS, Set.of(HOMELESS.getCode()));

		@Override
		public boolean isKnown(String valueSetUrl) {
			return members.containsKey(valueSetUrl);
		}

		@Override
		public boolean contains(String valueSetUrl, Coding coding) {
			return members.get(valueSetUrl).contains(coding.getCode());
		}
	};

	@Test
	void aServiceRequestCodeFromItsDomainValueSetPasses() {
		assertThat(DomainCodeRule.check("ServiceRequest", categories("food-insecurity"), code(FOOD_PANTRY), KNOWN)).isEmpty();
	}

	@Test
	void aServiceRequestCodeOutsideItsDomainValueSetIsRefusedNamingTheValueSet() {
		var violation = DomainCodeRule.check("ServiceRequest", categories("food-insecurity"), code(HOMELESS), KNOWN).orElseThrow();

		assertThat(violation.element()).isEqualTo("ServiceRequest.code");
		assertThat(violation.valueSets()).containsExactly(FOOD_SERVICE_REQUESTS);
		assertThat(violation.message()).contains(FOOD_SERVICE_REQUESTS).contains("http://snomed.info/sct|32911000");
	}

	@Test
	void oneCodingInTheValueSetIsEnough() {
		CodeableConcept code = code(HOMELESS).addCoding(FOOD_PANTRY);

		assertThat(DomainCodeRule.check("ServiceRequest", categories("food-insecurity"), code, KNOWN)).isEmpty();
	}

	@Test
	void withTwoDomainsACodeFromEitherValueSetPasses() {
		assertThat(DomainCodeRule.check("Condition", categories("food-insecurity", "homelessness"), code(HOMELESS), KNOWN)).isEmpty();
	}

	@Test
	void withTwoDomainsACodeInNeitherValueSetNamesBoth() {
		var violation = DomainCodeRule.check("Condition", categories("food-insecurity", "homelessness"), code(FOOD_PANTRY), KNOWN)
				.orElseThrow();

		assertThat(violation.valueSets()).containsExactly(FOOD_CONDITIONS, HOMELESS_CONDITIONS);
	}

	@Test
	void aDomainValueSetTheServerDoesNotHoldCannotBeCheckedAndPasses() {
		assertThat(DomainCodeRule.check("ServiceRequest", categories("housing-instability"), code(FOOD_PANTRY), KNOWN)).isEmpty();
	}

	@Test
	void withoutAnSdohDomainCategoryNothingIsChecked() {
		List<CodeableConcept> snomedOnly = List.of(new CodeableConcept(new Coding("http://snomed.info/sct", "410606002", null)));

		assertThat(DomainCodeRule.check("ServiceRequest", snomedOnly, code(HOMELESS), KNOWN)).isEmpty();
	}

	@Test
	void domainsWithoutABindingForTheResourceTypeAreNotChecked() {
		assertThat(DomainCodeRule.check("ServiceRequest", categories("sdoh-category-unspecified"), code(HOMELESS), KNOWN)).isEmpty();
		assertThat(DomainCodeRule.check("Goal", categories("food-insecurity"), code(HOMELESS), KNOWN)).isEmpty();
	}

	@Test
	void eachDomainNamesItsValueSetPerResourceType() {
		assertThat(SdohDomain.FOOD_INSECURITY.valueSetFor("Condition")).contains(FOOD_CONDITIONS);
		assertThat(SdohDomain.FOOD_INSECURITY.valueSetFor("Procedure"))
				.contains("http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1247.7");
		assertThat(SdohDomain.FOOD_INSECURITY.valueSetFor("ServiceRequest")).contains(FOOD_SERVICE_REQUESTS);
		assertThat(SdohDomain.PROTECTIVE_FACTOR.valueSetFor("ServiceRequest")).isEmpty();
		assertThat(SdohDomain.values()).hasSize(24);
	}

	private static List<CodeableConcept> categories(String... domains) {
		return java.util.Arrays.stream(domains)
				.map(domain -> new CodeableConcept(new Coding(SdohDomain.CODE_SYSTEM, domain, null))).toList();
	}

	private static CodeableConcept code(Coding coding) {
		return new CodeableConcept(coding.copy());
	}
}
