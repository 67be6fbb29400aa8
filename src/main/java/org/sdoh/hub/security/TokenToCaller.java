package org.sdoh.hub.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads a validated Keycloak token into a {@link Caller}: {@code scope} (space separated), the
 * organization claim, the fhirUser claim (a Patient for patient apps) and the realm roles
 * ({@code realm_access.roles}).
 */
final class TokenToCaller implements Converter<Jwt, AbstractAuthenticationToken> {

	private final SdohProperties.Security settings;

	TokenToCaller(SdohProperties.Security settings) {
		this.settings = settings;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt token) {
		List<String> roles = realmRoles(token);
		String clientId = Optional.ofNullable(token.getClaimAsString("azp"))
				.or(() -> Optional.ofNullable(token.getClaimAsString("client_id")))
				.orElse(token.getSubject());
		String subject = Optional.ofNullable(token.getClaimAsString("preferred_username")).orElse(token.getSubject());
		Optional<String> fhirUser = Optional.ofNullable(token.getClaimAsString(settings.fhirUserClaim()));
		Caller caller = new Caller(
				subject,
				clientId,
				Optional.ofNullable(token.getClaimAsString(settings.organizationClaim())).filter(s -> !s.isBlank()),
				fhirUser.filter(user -> user.startsWith("Patient/")),
				SmartScopes.parse(scopes(token)),
				roles.stream().anyMatch(settings.adminRoles()::contains),
				roles.stream().anyMatch(settings.auditorRoles()::contains),
				roles.stream().anyMatch(settings.ownerSideRoles()::contains));
		return new CallerAuthentication(token, caller);
	}

	private static Collection<String> scopes(Jwt token) {
		Object scope = token.getClaims().get("scope");
		if (scope instanceof String text) {
			return Arrays.asList(text.trim().split("\\s+"));
		}
		if (scope instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return List.of();
	}

	private static List<String> realmRoles(Jwt token) {
		Object realmAccess = token.getClaims().get("realm_access");
		if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof Collection<?> roles) {
			return roles.stream().map(String::valueOf).toList();
		}
		return List.of();
	}
}
