package org.sdoh.hub.screening;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.sdoh.hub.app.SdohProperties.DomainCodeCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link DomainCodeRule} to every stored Condition, Procedure and ServiceRequest (REST,
 * transactions, $extract), asking HAPI's validation support chain whether a code is in a value set: the
 * value sets of terminology/ and whatever a site loads (VSAC expansions, full LOINC/SNOMED CT) answer
 * alike. REJECT refuses the write with 422 naming the value set; WARN stores it and says why in the
 * response header {@value #WARNING_HEADER}.
 */
@Interceptor
public class DomainCodeInterceptor {

	public static final String WARNING_HEADER = "X-SDOH-Domain-Code-Warning";
	private static final Logger LOG = LoggerFactory.getLogger(DomainCodeInterceptor.class);

	private final FhirContext fhirContext;
	private final DomainCodeCheck mode;
	private final DomainCodeRule.ValueSets valueSets;

	public DomainCodeInterceptor(FhirContext fhirContext, IValidationSupport validationSupport, DomainCodeCheck mode) {
		this.fhirContext = fhirContext;
		this.mode = mode;
		this.valueSets = new TerminologyValueSets(validationSupport);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void onCreate(IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void onUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		check(updated, request);
	}

	private void check(IBaseResource resource, RequestDetails request) {
		Optional<DomainCodeRule.Violation> violation = Optional.empty();
		if (resource instanceof ServiceRequest serviceRequest) {
			violation = DomainCodeRule.check("ServiceRequest", serviceRequest.getCategory(), serviceRequest.getCode(), valueSets);
		} else if (resource instanceof Condition condition) {
			violation = DomainCodeRule.check("Condition", condition.getCategory(), condition.getCode(), valueSets);
		} else if (resource instanceof Procedure procedure) {
			violation = DomainCodeRule.check("Procedure", List.of(procedure.getCategory()), procedure.getCode(), valueSets);
		}
		violation.ifPresent(found -> act(found, request));
	}

	private void act(DomainCodeRule.Violation violation, RequestDetails request) {
		if (mode == DomainCodeCheck.REJECT) {
			OperationOutcome outcome = new OperationOutcome();
			outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.CODEINVALID)
					.setDiagnostics(violation.message())
					.setExpression(List.of(new StringType(violation.element())));
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
		LOG.warn("Stored despite domain code check: {}", violation.message());
		if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null) {
			servlet.getServletResponse().addHeader(WARNING_HEADER, violation.message());
		}
	}

	/** Membership through HAPI's validation support chain (stored ValueSets/CodeSystems, cached). */
	private record TerminologyValueSets(IValidationSupport support) implements DomainCodeRule.ValueSets {

		@Override
		public boolean isKnown(String valueSetUrl) {
			return support.isValueSetSupported(new ValidationSupportContext(support), valueSetUrl);
		}

		@Override
		public boolean contains(String valueSetUrl, Coding coding) {
			IValidationSupport.CodeValidationResult result = support.validateCode(new ValidationSupportContext(support),
					new ConceptValidationOptions(), coding.getSystem(), coding.getCode(), null, valueSetUrl);
			return result != null && result.isOk();
		}
	}
}
