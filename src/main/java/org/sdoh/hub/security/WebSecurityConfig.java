package org.sdoh.hub.security;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.sdoh.hub.app.FhirServerConfig;
import org.sdoh.hub.app.SdohProperties;
import org.sdoh.hub.inbox.InboxPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security in front of everything: with {@code sdoh.security.enabled} every request except
 * the public discovery endpoints needs a valid bearer token from a trusted issuer naming our audience
 * (401 with {@code WWW-Authenticate} and an OperationOutcome otherwise). What the token then allows
 * is decided inside HAPI ({@link ScopeAuthorization}, {@link OrganizationScopeInterceptor}).
 */
@Configuration
@EnableWebSecurity
public class WebSecurityConfig {

	/**
	 * Readable without a token: discovery, liveness and the static pages of the referral inbox and
	 * the metrics (the pages are public; the data they show comes from the FHIR API with a token).
	 */
	static final String[] PUBLIC_PATHS = {
		FhirServerConfig.FHIR_BASE_PATH + "/metadata",
		SmartConfigurationServlet.PATH,
		"/actuator/health/**",
		"/metrics",
		"/metrics/**",
		"/webjars/**",
		InboxPages.PATH,
		InboxPages.PATH + "/**"
	};

	@Bean
	public SecurityFilterChain securityFilterChain(
			HttpSecurity http, SdohProperties properties, UnauthenticatedResponse unauthenticated) throws Exception {
		http.csrf(csrf -> csrf.disable())
				.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.httpBasic(basic -> basic.disable())
				.formLogin(form -> form.disable())
				.logout(logout -> logout.disable());
		SdohProperties.Security security = properties.security();
		if (!security.enabled()) {
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			return http.build();
		}
		http.authorizeHttpRequests(requests -> requests
						.requestMatchers(Arrays.stream(PUBLIC_PATHS)
								.map(path -> AntPathRequestMatcher.antMatcher(HttpMethod.GET, path))
								.toArray(RequestMatcher[]::new))
						.permitAll()
						.anyRequest()
						.authenticated())
				.oauth2ResourceServer(oauth -> oauth
						.authenticationManagerResolver(new JwtIssuerAuthenticationManagerResolver(
								trustedIssuers(security)::get))
						.authenticationEntryPoint(unauthenticated))
				.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated))
				.headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
						AntPathRequestMatcher.antMatcher(InboxPages.PATH + "/**"),
						new StaticHeadersWriter("Content-Security-Policy", InboxPages.contentSecurityPolicy(
								security.issuers().stream().map(SdohProperties.TrustedIssuer::issuerUri).toList())))));
		return http.build();
	}

	/** One token checker per trusted issuer; a token from any other issuer is refused. */
	private static Map<String, AuthenticationManager> trustedIssuers(SdohProperties.Security security) {
		TokenToCaller tokenToCaller = new TokenToCaller(security);
		return security.issuers().stream().collect(Collectors.toUnmodifiableMap(
				SdohProperties.TrustedIssuer::issuerUri,
				issuer -> {
					NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.effectiveJwkSetUri()).build();
					decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
							JwtValidators.createDefaultWithIssuer(issuer.issuerUri()), audience(security.audience())));
					JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
					provider.setJwtAuthenticationConverter(tokenToCaller);
					return provider::authenticate;
				},
				(a, b) -> a));
	}

	/** The token must be meant for this API, not for another service of the same realm. */
	private static OAuth2TokenValidator<Jwt> audience(String audience) {
		OAuth2Error wrongAudience = new OAuth2Error("invalid_token", "The token is not for audience " + audience, null);
		return token -> token.getAudience() != null && token.getAudience().contains(audience)
				? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(wrongAudience);
	}

}
