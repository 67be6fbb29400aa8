package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.metrics.MetricsAccess.MetricsView;
import org.sdoh.hub.security.Caller;
import org.sdoh.hub.security.SmartScopes;

class MetricsAccessTest {

	private static final Optional<String> NETWORK = Optional.empty();
	private static final Optional<String> CBO_A = Optional.of("Organization/cbo-a");

	private static Optional<Caller> caller(String organization, boolean admin, boolean ownerSide) {
		return Optional.of(new Caller("user", "client", Optional.ofNullable(organization), Optional.empty(),
				SmartScopes.parse(java.util.List.of("user/*.rs")), admin, false, ownerSide));
	}

	@Test
	void withoutAuthenticationEverythingIsVisibleUnmasked() {
		assertThat(MetricsAccess.decide(Optional.empty(), NETWORK, 5)).isEqualTo(new MetricsView(NETWORK, 0));
		assertThat(MetricsAccess.decide(Optional.empty(), CBO_A, 5)).isEqualTo(new MetricsView(CBO_A, 0));
	}

	@Test
	void anAdministratorSeesEveryOrganizationAndTheNetworkUnmasked() {
		assertThat(MetricsAccess.decide(caller(null, true, false), NETWORK, 5)).isEqualTo(new MetricsView(NETWORK, 0));
		assertThat(MetricsAccess.decide(caller("Organization/hub", true, false), CBO_A, 5)).isEqualTo(new MetricsView(CBO_A, 0));
	}

	@Test
	void aCboSeesItsOwnNumbersUnmaskedAndTheNetworkMasked() {
		assertThat(MetricsAccess.decide(caller("Organization/cbo-a", false, true), CBO_A, 5)).isEqualTo(new MetricsView(CBO_A, 0));
		assertThat(MetricsAccess.decide(caller("Organization/cbo-a", false, true), Optional.of("Organization/cbo-a/_history/3"), 5))
				.isEqualTo(new MetricsView(CBO_A, 0));
		assertThat(MetricsAccess.decide(caller("Organization/cbo-a", false, true), NETWORK, 5)).isEqualTo(new MetricsView(NETWORK, 5));
	}

	@Test
	void aClinicSeesItsOwnNumbersAndTheNetworkMaskedButNoOtherOrganization() {
		Optional<Caller> clinic = caller("Organization/clinic", false, false);
		assertThat(MetricsAccess.decide(clinic, Optional.of("Organization/clinic"), 5))
				.isEqualTo(new MetricsView(Optional.of("Organization/clinic"), 0));
		assertThat(MetricsAccess.decide(clinic, NETWORK, 7)).isEqualTo(new MetricsView(NETWORK, 7));
		assertThatThrownBy(() -> MetricsAccess.decide(clinic, CBO_A, 5)).isInstanceOf(MetricsAccess.MetricsAccessRefused.class)
				.hasMessageContaining("Organization/cbo-a");
	}

	@Test
	void aCallerWithoutOrganizationSeesOnlyTheMaskedNetwork() {
		assertThat(MetricsAccess.decide(caller(null, false, false), NETWORK, 5)).isEqualTo(new MetricsView(NETWORK, 5));
		assertThatThrownBy(() -> MetricsAccess.decide(caller(null, false, false), CBO_A, 5))
				.isInstanceOf(MetricsAccess.MetricsAccessRefused.class);
	}

	@Test
	void strataOfOneToFourReferralsAreMaskedAtThresholdFive() {
		MetricsView network = new MetricsView(NETWORK, 5);
		assertThat(network.masks(0)).isFalse();
		assertThat(network.masks(1)).isTrue();
		assertThat(network.masks(4)).isTrue();
		assertThat(network.masks(5)).isFalse();
		assertThat(new MetricsView(CBO_A, 0).masks(1)).isFalse();
	}
}
