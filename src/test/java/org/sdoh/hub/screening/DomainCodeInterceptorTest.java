package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.app.SdohProperties.DomainCodeCheck;

/** The two modes of the domain code check: REJECT refuses, WARN stores and tells the caller in a header. */
class DomainCodeInterceptorTest {

	private static final String FOOD_SERVICE_REQUESTS = "http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113762.1.4.1247.11";

	@Test
	void rejectRefusesWithUnprocessableEntity() {
		DomainCodeInterceptor interceptor = new DomainCodeInterceptor(FhirContext.forR4Cached(), knowsFoodValueSetOnly(), DomainCodeCheck.REJECT);

		assertThatThrownBy(() -> interceptor.onCreate(wrongCode(), new ServletRequestDetails()))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining(FOOD_SERVICE_REQUESTS);
	}

	@Test
	void warnStoresAndNamesTheValueSetInAResponseHeader() {
		DomainCodeInterceptor interceptor = new DomainCodeInterceptor(FhirContext.forR4Cached(), knowsFoodValueSetOnly(), DomainCodeCheck.WARN);
		ServletRequestDetails request = new ServletRequestDetails();
		HttpServletResponse response = mock(HttpServletResponse.class);
		request.setServletResponse(response);

		interceptor.onCreate(wrongCode(), request);

		verify(response).addHeader(eq(DomainCodeInterceptor.WARNING_HEADER), org.mockito.ArgumentMatchers.contains(FOOD_SERVICE_REQUESTS));
	}

	/** The food insecurity ServiceRequest value set is known and contains no code at all. */
	private static IValidationSupport knowsFoodValueSetOnly() {
		IValidationSupport support = mock(IValidationSupport.class);
		when(support.isValueSetSupported(any(), anyString())).thenAnswer(call -> FOOD_SERVICE_REQUESTS.equals(call.getArgument(1)));
		when(support.validateCode(any(), any(), anyString(), anyString(), isNull(), anyString()))
				.thenReturn(new IValidationSupport.CodeValidationResult().setSeverity(IValidationSupport.IssueSeverity.ERROR));
		return support;
	}

	private static ServiceRequest wrongCode() {
		ServiceRequest request = new ServiceRequest().setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "32911000", null)));
		request.addCategory(new CodeableConcept(new Coding(SdohDomain.CODE_SYSTEM, "food-insecurity", null)));
		return request;
	}
}
