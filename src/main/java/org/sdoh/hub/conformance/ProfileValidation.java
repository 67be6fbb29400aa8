package org.sdoh.hub.conformance;

import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.Optional;
import org.sdoh.hub.app.SdohProperties;
import org.sdoh.hub.app.SdohProperties.ValidationMode;
import org.springframework.stereotype.Component;

/**
 * Profile validation of incoming resources with HAPI's instance validator and the JPA validation
 * support chain (installed packages + stored conformance resources). {@code sdoh.validation.mode}:
 * OFF registers nothing; WARN reports issues (response header {@value #OUTCOME_HEADER} and, when
 * an OperationOutcome is returned, its issues) and stores; REJECT answers 422 on any error.
 */
@Component
public class ProfileValidation {

	public static final String OUTCOME_HEADER = "X-FHIR-Request-Validation-OperationOutcome";

	private final RequestValidatingInterceptor interceptor;

	public ProfileValidation(SdohProperties properties, IInstanceValidatorModule instanceValidator) {
		this.interceptor = create(properties.validation().mode(), instanceValidator);
	}

	private static RequestValidatingInterceptor create(ValidationMode mode, IInstanceValidatorModule validator) {
		if (mode == ValidationMode.OFF) {
			return null;
		}
		RequestValidatingInterceptor interceptor = new ProfileValidatingInterceptor();
		interceptor.addValidatorModule(validator);
		interceptor.setAddValidationResultsToResponseOperationOutcome(true);
		interceptor.setResponseOutcomeHeaderName(OUTCOME_HEADER);
		interceptor.setAddResponseOutcomeHeaderOnSeverity(ResultSeverityEnum.WARNING);
		// Long outcomes are truncated in the header; the full list is in the OperationOutcome body.
		interceptor.setMaximumHeaderLength(4000);
		interceptor.setFailOnSeverity(mode == ValidationMode.REJECT ? ResultSeverityEnum.ERROR : null);
		return interceptor;
	}

	public Optional<RequestValidatingInterceptor> interceptor() {
		return Optional.ofNullable(interceptor);
	}
}
