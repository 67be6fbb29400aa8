package org.sdoh.hub.conformance;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;

/**
 * HAPI's request validator, except that a body nobody can parse is the client's mistake (400 with
 * the parser's message), not an internal error: the validator runs before HAPI's own parser and
 * reports malformed JSON as a 500. Only on that error path is the body parsed a second time.
 */
class ProfileValidatingInterceptor extends RequestValidatingInterceptor {

	@Override
	public boolean incomingRequestPostProcessed(
			RequestDetails requestDetails, HttpServletRequest request, HttpServletResponse response) {
		try {
			return super.incomingRequestPostProcessed(requestDetails, request, response);
		} catch (InternalErrorException e) {
			throwIfUnparseable(requestDetails);
			throw e;
		}
	}

	private static void throwIfUnparseable(RequestDetails requestDetails) {
		EncodingEnum encoding = RestfulServerUtils.determineRequestEncodingNoDefault(requestDetails);
		String body = new String(requestDetails.loadRequestContents(), StandardCharsets.UTF_8);
		try {
			(encoding == null ? EncodingEnum.JSON : encoding).newParser(requestDetails.getFhirContext()).parseResource(body);
		} catch (DataFormatException parseError) {
			throw new InvalidRequestException("Failed to parse request body: " + parseError.getMessage());
		}
	}
}
