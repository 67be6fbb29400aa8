package org.sdoh.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The referral inbox in the system's headless Chromium (Debian {@code chromium} + {@code chromium-driver},
 * installed by .ci/run; nothing is downloaded), signed in through Keycloak's own login page.
 */
public final class InboxBrowser implements AutoCloseable {

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
	private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;
	private final String inboxUrl;

	public InboxBrowser(String serverBaseUrl) {
		if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException("Chromium or chromedriver missing at " + CHROMIUM + ", " + CHROMEDRIVER
					+ " (apt-get install chromium chromium-driver; .ci/run does this)");
		}
		ChromeOptions options = new ChromeOptions()
				.setBinary(CHROMIUM.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
						"--window-size=1280,1000", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
		this.driver = new ChromeDriver(service, options);
		this.inboxUrl = serverBaseUrl + "/inbox/";
	}

	public WebDriver driver() {
		return driver;
	}

	public String inboxUrl() {
		return inboxUrl;
	}

	/** Opens a route of the inbox ({@code #/...}), signing in on Keycloak's login page when asked to. */
	public void open(String route, String user, String password) {
		driver.get(inboxUrl + route);
		waitUntilIdle();
		if (!driver.findElements(By.id("sign-in")).isEmpty()) {
			driver.findElement(By.id("sign-in")).click();
			waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
			driver.findElement(By.id("password")).sendKeys(password);
			driver.findElement(By.id("kc-login")).click();
			waitFor().until(ExpectedConditions.urlContains("/inbox/"));
		}
		waitUntilIdle();
	}

	/** Waits until the current page has rendered (main is no longer busy and shows a heading). */
	public void waitUntilIdle() {
		waitFor().until(d -> d.findElements(By.cssSelector("main[aria-busy]")).isEmpty()
				&& !d.findElements(By.cssSelector("main h1")).isEmpty());
	}

	public WebDriverWait waitFor() {
		return new WebDriverWait(driver, Duration.ofSeconds(30));
	}

	public void screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}
}
