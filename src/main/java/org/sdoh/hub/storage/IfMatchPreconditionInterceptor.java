package org.sdoh.hub.storage;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

/**
 * A version-aware update whose {@code If-Match} names a version that is no longer current gets
 * 412 Precondition Failed, as the FHIR specification says (HAPI answers 409 Conflict). Two CBO staff
 * updating the same referral: the second one is told the Task changed meanwhile, nothing is stored.
 */
@Interceptor
public class IfMatchPreconditionInterceptor {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException toPreconditionFailed(RequestDetails request, Throwable exception) {
		if (exception instanceof ResourceVersionConflictException conflict && request.getHeader(Constants.HEADER_IF_MATCH) != null) {
			PreconditionFailedException failed = new PreconditionFailedException(
					"The resource changed since version " + request.getHeader(Constants.HEADER_IF_MATCH)
							+ " named in If-Match; read it again and retry. " + conflict.getMessage());
			failed.setOperationOutcome(conflict.getOperationOutcome());
			return failed;
		}
		return exception instanceof BaseServerResponseException response ? response : null;
	}
}
