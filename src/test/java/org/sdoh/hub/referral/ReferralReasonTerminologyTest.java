package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/** The coded rejection/cancellation reasons ship in terminology/ and work offline. */
class ReferralReasonTerminologyTest extends FhirServerTestBase {

	private static final String VS = "http://sdoh-referral-hub.org/fhir/ValueSet/referral-status-reason";
	private static final String CS = "http://sdoh-referral-hub.org/fhir/CodeSystem/referral-status-reason";

	@Test
	void reasonValueSetExpandsToTheEightReasons() {
		ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand")
				.withParameter(Parameters.class, "url", new UriType(VS)).returnResourceType(ValueSet.class).execute();

		assertThat(expanded.getExpansion().getContains()).extracting(c -> c.getCode()).containsExactlyInAnyOrder(
				"at-capacity", "not-eligible", "out-of-service-area", "unable-to-contact", "declined-by-client",
				"duplicate", "consent-missing", "other");
	}

	@Test
	void validateCodeAcceptsAReasonAndRefusesAnUnknownOne() {
		Parameters known = validate("at-capacity");
		Parameters unknown = validate("too-busy");

		assertThat(((BooleanType) known.getParameter("result").getValue()).booleanValue()).isTrue();
		assertThat(((BooleanType) unknown.getParameter("result").getValue()).booleanValue()).isFalse();
	}

	private Parameters validate(String code) {
		Parameters in = new Parameters();
		in.addParameter().setName("url").setValue(new UriType(VS));
		in.addParameter().setName("system").setValue(new UriType(CS));
		in.addParameter().setName("code").setValue(new CodeType(code));
		return client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
	}
}
