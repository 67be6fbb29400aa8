package org.sdoh.hub.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** A validated bearer token, carrying the {@link Caller} built from it once per request. */
final class CallerAuthentication extends AbstractAuthenticationToken {

	private final transient Jwt token;
	private final Caller caller;

	CallerAuthentication(Jwt token, Caller caller) {
		super(List.of());
		this.token = token;
		this.caller = caller;
		setAuthenticated(true);
	}

	Caller caller() {
		return caller;
	}

	@Override
	public Object getCredentials() {
		return token;
	}

	@Override
	public Object getPrincipal() {
		return caller;
	}

	@Override
	public String getName() {
		return caller.subject();
	}
}
