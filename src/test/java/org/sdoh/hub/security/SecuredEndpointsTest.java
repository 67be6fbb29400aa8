package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.KeycloakServer;
import org.sdoh.hub.support.SecuredServerTestBase;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;

/** What a caller without a usable token gets, and what stays public. */
class SecuredEndpointsTest extends SecuredServerTestBase {

	private static final Claims CBO = new Claims("cbo-system", "service-account-cbo-system", "Organization/some-cbo", null,
			List.of("cbo-system"), "system/Task.rus");

	private void assertUnauthorized(HttpResponse<String> response, String expectedDiagnostics) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains(expectedDiagnostics);
	}

	@Test
	void noTokenIsRefusedWith401AndABearerChallenge() {
		assertUnauthorized(get("Task", null), "A bearer token is required");
	}

	@Test
	void aTamperedTokenIsRefusedWith401() {
		String token = TestTokens.token(CBO);
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertUnauthorized(get("Task", tampered), "The bearer token was refused");
	}

	@Test
	void anExpiredTokenIsRefusedWith401() {
		assertUnauthorized(get("Task", TestTokens.expiredToken(CBO)), "expired");
	}

	@Test
	void aTokenOfAnotherIssuerIsRefusedWith401() {
		assertUnauthorized(get("Task", TestTokens.untrustedIssuerToken(CBO)), "The bearer token was refused");
	}

	@Test
	void aTokenForAnotherAudienceIsRefusedWith401() {
		assertUnauthorized(get("Task", TestTokens.wrongAudienceToken(CBO)), "not for audience sdoh-fhir-api");
	}

	@Test
	void aValidTokenWithoutTheScopeIsRefusedWith403AndAnOperationOutcome() {
		HttpResponse<String> response = get("Patient", TestTokens.token(CBO));
		assertThat(response.statusCode()).isEqualTo(403);
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("No scope of this token allows this request");
	}

	@Test
	void aValidTokenWithTheScopeIsServed() {
		assertThat(get("Task", TestTokens.token(CBO)).statusCode()).isEqualTo(200);
	}

	@Test
	void capabilityStatementIsPublic() {
		HttpResponse<String> response = get("metadata", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"resourceType\":\"CapabilityStatement\"");
	}

	@Test
	void smartConfigurationIsPublicAndPointsAtTheIdentityProvider() {
		HttpResponse<String> response = get(".well-known/smart-configuration", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body())
				.contains("\"token_endpoint\":\"" + KeycloakServer.tokenEndpoint() + "\"")
				.contains("\"authorization_endpoint\":\"" + KeycloakServer.issuer() + "/protocol/openid-connect/auth\"")
				.contains("permission-v2")
				.contains("private_key_jwt");
	}
}
