package org.sdoh.hub.inputsafety;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** HTTP 415: HAPI answers it with an OperationOutcome like any other server exception. */
public class UnsupportedMediaTypeException extends BaseServerResponseException {

	public static final int STATUS_CODE = 415;

	public UnsupportedMediaTypeException(String message) {
		super(STATUS_CODE, message);
	}
}
