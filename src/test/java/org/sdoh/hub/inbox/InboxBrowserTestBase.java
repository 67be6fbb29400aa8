package org.sdoh.hub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.sdoh.hub.support.InboxBrowser;
import org.sdoh.hub.support.KeycloakServer;
import org.sdoh.hub.support.SecuredServerTestBase;

/**
 * The referral inbox end to end: headless Chromium, the secured server, a real Keycloak with the
 * project's realm; the realm's {@code cbo.staff} signs in on Keycloak's login page. What the browser
 * did is then checked through the FHIR API. Screenshots of each step go to target/screenshots/.
 * One browser per test class; what the classes share (signing in, dialogs, notices, the
 * accessibility scan) is here.
 */
abstract class InboxBrowserTestBase extends SecuredServerTestBase {

	private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");
	protected static InboxBrowser browser;
	protected InboxFixture network;

	@BeforeAll
	static void startKeycloakAndBrowser() {
		KeycloakServer.start();
		browser = new InboxBrowser(KeycloakServer.webBaseUrl());
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@BeforeEach
	void network() {
		network = new InboxFixture(admin());
	}

	protected static void signIn(String route) {
		browser.open(route, "cbo.staff", KeycloakServer.DEMO_USER_PASSWORD);
	}

	protected static WebDriver driver() {
		return browser.driver();
	}

	protected static Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) driver()).executeScript(script, arguments);
	}

	protected static String heading() {
		return driver().findElement(By.cssSelector("main h1")).getText();
	}

	protected static String mainText() {
		return driver().findElement(By.tagName("main")).getText();
	}

	/** Switches the inbox's language and waits for the page to show the heading in it. */
	protected static void language(String code, String expectedHeading) {
		new Select(driver().findElement(By.id("language"))).selectByValue(code);
		browser.waitFor().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), expectedHeading));
	}

	protected static WebElement dialogField(String id) {
		return browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open] #" + id)));
	}

	protected static void act(String action) {
		browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("action-" + action))).click();
		confirm();
	}

	protected static void confirm() {
		browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector("dialog[open] #confirm-action"))).click();
	}

	/** The page shows the referral again, re-read from the server after the action. */
	protected static void awaitStatus(String status) {
		browser.waitFor().until(ExpectedConditions.textToBe(By.cssSelector("main .badges .badge"), status));
	}

	protected static String notice() {
		return browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#notice .notice"))).getText();
	}

	/** What the open dialog says about its fields (it stays open). */
	protected static String dialogProblem() {
		return browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open] .problem"))).getText();
	}

	/** Waits for this exact notice (a previous one may still be shown while the page re-renders). */
	protected static void awaitNotice(String text) {
		browser.waitFor().until(ExpectedConditions.textToBe(By.cssSelector("#notice .notice"), text));
	}

	protected static void assertNoSeriousAccessibilityViolations(String page) {
		Results results = new AxeBuilder().analyze(driver());
		List<String> blocking = results.getViolations().stream()
				.filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
				.map(InboxBrowserTestBase::describe)
				.toList();
		assertThat(blocking).as("serious or critical axe-core violations on the %s page", page).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " " + rule.getNodes().stream()
				.map(node -> String.valueOf(node.getTarget())).toList();
	}
}
