package org.sdoh.hub.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;

/**
 * Patient apps (SMART {@code patient/} scopes) search only their own data: every search gets the
 * patient as criterion ({@code _id} on Patient, else {@code patient}, else {@code subject}), which
 * HAPI's authorization rules require of compartment searches. Written here rather than with HAPI's
 * SearchNarrowingInterceptor because a patient's referral Tasks ({@code Task.for}) are not in R4's
 * Patient compartment, and HAPI's narrowing refuses types outside it.
 */
@Interceptor
public class PatientScopeNarrowing {

	private final FhirContext fhirContext;

	public PatientScopeNarrowing(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void narrow(RequestDetails request) {
		Optional<String> patient = Caller.current().filter(caller -> !caller.admin()).flatMap(Caller::patient);
		if (patient.isEmpty() || request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
			return;
		}
		String type = request.getResourceName();
		RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
		String parameter;
		String value = patient.get();
		if (type.equals("Patient")) {
			parameter = "_id";
			value = new IdType(value).getIdPart();
		} else if (definition.getSearchParam("patient") != null) {
			parameter = "patient";
		} else if (definition.getSearchParam("subject") != null) {
			parameter = "subject";
		} else {
			throw new ForbiddenOperationException(type + " resources are not available to patient apps");
		}
		OrganizationScopeInterceptor.addCriteria(request, Map.of(parameter, value));
	}
}
