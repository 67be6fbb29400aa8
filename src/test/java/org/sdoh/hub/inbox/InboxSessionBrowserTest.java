package org.sdoh.hub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sdoh.hub.support.KeycloakServer;

/**
 * The session around the pages: signing out (here and at Keycloak), Keycloak's login page in the
 * inbox's language, and the hand-over of the token to the metrics page.
 */
class InboxSessionBrowserTest extends InboxBrowserTestBase {

	@Test
	void signingOutEndsTheKeycloakSessionAndTheOldTokenIsNotUsedAgain() {
		signIn("#/");
		String refreshToken = (String) script("return JSON.parse(sessionStorage.getItem('inbox.session')).refresh");
		assertThat(refresh(refreshToken).statusCode()).as("the refresh token works while signed in").isEqualTo(200);

		signOut();
		assertThat(driver().getCurrentUrl()).startsWith(browser.inboxUrl());
		assertThat(heading()).isEqualTo("Referral inbox");
		assertThat(script("return [sessionStorage.getItem('inbox.session'), sessionStorage.getItem('sdoh.accessToken')]"))
				.isEqualTo(Arrays.asList(null, null));
		browser.screenshot("15-signed-out");
		HttpResponse<String> ended = refresh(refreshToken);
		assertThat(ended.statusCode()).as("Keycloak's session has ended").isEqualTo(400);
		assertThat(ended.body()).contains("invalid_grant");

		driver().get(browser.inboxUrl() + "#/services");
		browser.waitUntilIdle();
		assertThat(heading()).isEqualTo("Referral inbox");
		assertThat(driver().findElements(By.id("sign-in"))).hasSize(1);
		assertThat(script("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/fhir/'))"))
				.as("no FHIR request after signing out").isEqualTo(List.of());

		driver().findElement(By.id("sign-in")).click();
		browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(driver().getCurrentUrl()).as("no single sign-on left: the password is asked again").startsWith(KeycloakServer.issuer());
	}

	@Test
	void keycloaksLoginPageSpeaksTheLanguageChosenInTheInbox() {
		signIn("#/");
		signOut();
		language("es", "Bandeja de referidos");
		driver().findElement(By.id("sign-in")).click();
		browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
		assertThat(driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
		assertThat(driver().findElement(By.id("kc-login")).getAttribute("value") + driver().findElement(By.id("kc-login")).getText())
				.contains("Iniciar sesión");
		browser.screenshot("16-keycloak-login-es");

		signIn("#/");
		assertThat(heading()).isEqualTo("Referidos");
		language("en", "Referrals");
	}

	@Test
	void theMetricsPageOpensFromTheInboxOnTheOrganizationsOwnNumbersWithoutASecondSignIn() {
		network.referral(unique("Metrics").substring(0, 20), InboxFixture.FOOD_BANK);
		signIn("#/");
		driver().findElement(By.id("nav-metrics")).click();
		browser.waitFor().until(d -> !"loading".equals(d.findElement(By.tagName("body")).getAttribute("data-state")));
		assertThat(driver().getCurrentUrl())
				.isEqualTo(KeycloakServer.webBaseUrl() + "/metrics/index.html?subject=Organization%2Fdemo-cbo-foodbank");
		assertThat(driver().findElement(By.id("status")).getText()).isEmpty();
		assertThat(driver().findElement(By.tagName("body")).getAttribute("data-state")).isEqualTo("ready");

		String start = driver().findElement(By.name("periodStart")).getAttribute("value");
		String end = driver().findElement(By.name("periodEnd")).getAttribute("value");
		MeasureReport volume = admin().fetchResourceFromUrl(MeasureReport.class, baseUrl() + "/Measure/referral-volume/$evaluate-measure?periodStart="
				+ start + "&periodEnd=" + end + "&subject=" + URLEncoder.encode(InboxFixture.FOOD_BANK, StandardCharsets.UTF_8));
		int sent = volume.getGroup().stream().filter(g -> g.getCode().getCodingFirstRep().getCode().equals("referrals"))
				.flatMap(g -> g.getPopulation().stream())
				.filter(p -> p.getCode().getCodingFirstRep().getCode().equals("initial-population"))
				.findFirst().orElseThrow().getCount();
		assertThat(sent).isPositive();
		assertThat(driver().findElement(By.cssSelector("#summary .tile b")).getText()).isEqualTo(String.valueOf(sent));
		browser.screenshot("17-metrics-from-inbox");
	}

	/** Signs out from the header and waits for the inbox's sign-in screen (back from Keycloak's logout). */
	private static void signOut() {
		driver().findElement(By.id("sign-out")).click();
		browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
		browser.waitUntilIdle();
	}

	private HttpResponse<String> refresh(String refreshToken) {
		String form = "grant_type=refresh_token&client_id=sdoh-web&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(URI.create(KeycloakServer.tokenEndpoint()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
	}
}
