package org.sdoh.hub.inputsafety;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A body sent with a Content-Type that is not a FHIR encoding is refused with 415 instead of being
 * guessed at. Binary uploads keep their own media types; form posts are allowed for
 * {@code _search}; PATCH also accepts JSON Patch.
 */
@Component
@Interceptor
public class RequestEncodingGuard {

	private static final Set<String> FHIR_TYPES = Set.of(
			Constants.CT_FHIR_JSON_NEW,
			Constants.CT_FHIR_XML_NEW,
			Constants.CT_FHIR_JSON,
			Constants.CT_FHIR_XML,
			Constants.CT_JSON,
			Constants.CT_XML,
			"text/xml");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void checkContentType(RequestDetails request) {
		RequestTypeEnum method = request.getRequestType();
		if (method != RequestTypeEnum.POST && method != RequestTypeEnum.PUT && method != RequestTypeEnum.PATCH) {
			return;
		}
		if ("Binary".equals(request.getResourceName())) {
			return;
		}
		String contentType = request.getHeader(Constants.HEADER_CONTENT_TYPE);
		if (contentType == null || contentType.isBlank()) {
			if (hasBody(request)) {
				throw new UnsupportedMediaTypeException(
						"A request body needs a Content-Type header: application/fhir+json or application/fhir+xml");
			}
			return;
		}
		String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (FHIR_TYPES.contains(mediaType)) {
			return;
		}
		if (method == RequestTypeEnum.PATCH && mediaType.equals(Constants.CT_JSON_PATCH)) {
			return;
		}
		if (method == RequestTypeEnum.POST && mediaType.equals(Constants.CT_X_FORM_URLENCODED)) {
			return;
		}
		throw new UnsupportedMediaTypeException("Content-Type '" + mediaType
				+ "' is not supported; send application/fhir+json or application/fhir+xml");
	}

	private static boolean hasBody(RequestDetails request) {
		String length = request.getHeader("Content-Length");
		return length == null ? request.getHeader("Transfer-Encoding") != null : !"0".equals(length.trim());
	}
}
