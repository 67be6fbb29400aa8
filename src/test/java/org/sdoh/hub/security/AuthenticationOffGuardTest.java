package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AuthenticationOffGuardTest {

	private static SdohProperties properties(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("sdoh", SdohProperties.class);
	}

	@ParameterizedTest
	@ValueSource(strings = {"127.0.0.1", "::1", "localhost"})
	void authenticationOffStartsOnALoopbackAddress(String address) {
		new AuthenticationOffGuard(properties(Map.of()), address);
	}

	@ParameterizedTest
	@ValueSource(strings = {"0.0.0.0", "", "192.0.2.10", "no-such-host.invalid"})
	void authenticationOffRefusesToStartOnAnyOtherAddress(String address) {
		assertThatThrownBy(() -> new AuthenticationOffGuard(properties(Map.of()), address))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("not a loopback address");
	}

	@Test
	void authenticationOnNeedsATrustedIssuer() {
		assertThatThrownBy(() -> new AuthenticationOffGuard(properties(Map.of("sdoh.security.enabled", "true")), "0.0.0.0"))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("issuer-uri");
	}

	@Test
	void authenticationOnStartsOnAnyAddress() {
		SdohProperties secured = properties(Map.of(
				"sdoh.security.enabled", "true", "sdoh.security.issuers[0].issuer-uri", "https://id.example.org/realms/sdoh"));
		new AuthenticationOffGuard(secured, "0.0.0.0");
		assertThat(secured.security().primaryIssuer().effectiveJwkSetUri())
				.isEqualTo("https://id.example.org/realms/sdoh/protocol/openid-connect/certs");
	}
}
