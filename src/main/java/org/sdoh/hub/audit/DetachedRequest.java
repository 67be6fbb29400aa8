package org.sdoh.hub.audit;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.Optional;
import org.sdoh.hub.security.Caller;

/**
 * A request's details for describing it after it has ended, on another thread: the caller (otherwise
 * read from the request thread's security context) and the client's address (otherwise read from the
 * servlet request, which the container recycles) are copied while the request is still running.
 */
final class DetachedRequest extends ServletRequestDetails {

	private final Optional<Caller> caller;
	private final String clientAddress;

	private DetachedRequest(ServletRequestDetails request, Optional<Caller> caller, String clientAddress) {
		super(request);
		getUserData().clear(); // the copy took the request's user data, which may hold large results
		this.caller = caller;
		this.clientAddress = clientAddress;
	}

	/** Call on the request's thread. */
	static DetachedRequest of(ServletRequestDetails request) {
		return new DetachedRequest(request, Caller.current(), request.getServletRequest().getRemoteAddr());
	}

	Optional<Caller> caller() {
		return caller;
	}

	String clientAddress() {
		return clientAddress;
	}
}
