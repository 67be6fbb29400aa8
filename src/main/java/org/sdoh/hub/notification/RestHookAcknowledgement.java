package org.sdoh.hub.notification;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import org.apache.commons.lang3.exception.ExceptionUtils;

/**
 * A rest-hook endpoint that accepts a notification with a plain 2xx and no FHIR body (what the
 * Subscriptions Backport IG asks of it) has received it. HAPI posts the notification with its FHIR
 * client, which expects a FHIR response and reports such an answer as a failure — the notification
 * would then be delivered again and again by the retry policy. Here that "failure" counts as
 * delivered; every other failure is left to HAPI's retries.
 */
@Interceptor
public class RestHookAcknowledgement {

	/** Returns false (stop: delivered) for a 2xx answer without a FHIR body, true otherwise. */
	@Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY_FAILED)
	public boolean isRealFailure(Exception failure) {
		int index = ExceptionUtils.indexOfThrowable(failure, NonFhirResponseException.class);
		if (index < 0) {
			return true;
		}
		int status = ((NonFhirResponseException) ExceptionUtils.getThrowableList(failure).get(index)).getStatusCode();
		return status < 200 || status >= 300;
	}
}
