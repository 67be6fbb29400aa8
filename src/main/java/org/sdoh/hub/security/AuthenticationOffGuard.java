package org.sdoh.hub.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.sdoh.hub.app.SdohProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Running without authentication is for the quick start on one's own machine only: with
 * {@code sdoh.security.enabled=false} the server starts only when bound to a loopback address, and
 * says so loudly; on any other address it refuses to start.
 */
@Component
class AuthenticationOffGuard {

	private static final Logger log = LoggerFactory.getLogger(AuthenticationOffGuard.class);

	AuthenticationOffGuard(SdohProperties properties, @Value("${server.address:}") String bindAddress) {
		if (properties.security().enabled()) {
			if (properties.security().issuers().isEmpty()) {
				throw new IllegalStateException("sdoh.security.enabled=true needs at least one sdoh.security.issuers[n].issuer-uri");
			}
			return;
		}
		if (!isLoopback(bindAddress)) {
			throw new IllegalStateException("Authentication is off (sdoh.security.enabled=false) but server.address is '"
					+ bindAddress + "', not a loopback address. Turn authentication on (SDOH_SECURITY_ENABLED=true with "
					+ "an issuer) or bind to 127.0.0.1.");
		}
		log.warn("""

				************************************************************************
				*  AUTHENTICATION IS OFF. Every caller on this machine is trusted with  *
				*  all data. Only for a local quick start on {} - never for real data. *
				************************************************************************""", bindAddress);
	}

	static boolean isLoopback(String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		} catch (UnknownHostException e) {
			return false;
		}
	}
}
