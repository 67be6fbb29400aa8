package org.sdoh.hub.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * The 401 answer: Spring's {@code WWW-Authenticate: Bearer ...} header (with the token error, RFC
 * 6750) plus an OperationOutcome body a FHIR client can show, and an audit record of the refusal.
 */
@Component
class UnauthenticatedResponse implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearerChallenge = new BearerTokenAuthenticationEntryPoint();
	private final FhirContext fhirContext;
	private final ApplicationEventPublisher events;

	UnauthenticatedResponse(FhirContext fhirContext, ApplicationEventPublisher events) {
		this.fhirContext = fhirContext;
		this.events = events;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		bearerChallenge.commence(request, response, failure);
		String reason = request.getHeader("Authorization") == null
				? "A bearer token is required (Authorization: Bearer <token>)"
				: "The bearer token was refused: " + failure.getMessage();
		IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(fhirContext);
		OperationOutcomeUtil.addIssue(fhirContext, outcome, "error", reason, null, "login");
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
		events.publishEvent(new AccessRefusedEvent(
				request.getMethod(), request.getRequestURI(), request.getRemoteAddr(), HttpServletResponse.SC_UNAUTHORIZED, reason));
	}
}
