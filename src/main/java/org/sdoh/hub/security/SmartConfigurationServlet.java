package org.sdoh.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sdoh.hub.app.FhirServerConfig;
import org.sdoh.hub.app.SdohProperties;

/**
 * SMART App Launch 2.0 discovery ({@code /fhir/.well-known/smart-configuration}): where clients get
 * tokens. The endpoints are the trusted issuer's (Keycloak's paths below the realm URL).
 */
public class SmartConfigurationServlet extends HttpServlet {

	public static final String PATH = FhirServerConfig.FHIR_BASE_PATH + "/.well-known/smart-configuration";

	private final transient Map<String, Object> document;
	private final transient ObjectMapper json;

	public SmartConfigurationServlet(SdohProperties.TrustedIssuer issuer, List<String> scopesSupported, ObjectMapper json) {
		this.json = json;
		String oidc = issuer.issuerUri() + "/protocol/openid-connect";
		Map<String, Object> smart = new LinkedHashMap<>();
		smart.put("issuer", issuer.issuerUri());
		smart.put("jwks_uri", issuer.effectiveJwkSetUri());
		smart.put("authorization_endpoint", oidc + "/auth");
		smart.put("token_endpoint", oidc + "/token");
		smart.put("revocation_endpoint", oidc + "/revoke");
		smart.put("introspection_endpoint", oidc + "/token/introspect");
		smart.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic", "client_secret_post"));
		smart.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384", "RS256"));
		smart.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
		smart.put("response_types_supported", List.of("code"));
		smart.put("code_challenge_methods_supported", List.of("S256"));
		smart.put("scopes_supported", scopesSupported);
		smart.put("capabilities", List.of(
				"launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
				"context-standalone-patient", "sso-openid-connect", "permission-v2", "permission-v1"));
		this.document = Collections.unmodifiableMap(smart);
	}

	@Override
	protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "public, max-age=3600");
		json.writeValue(response.getOutputStream(), document);
	}
}
