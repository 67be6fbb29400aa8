package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The metrics page in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs
 * them): it loads, every chart is drawn with one point per stratum of the seeded 2020 history, and
 * a screenshot is kept in target/screenshots/.
 */
class MetricsPageBrowserTest extends FhirServerTestBase {

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
	private static final String CHROMIUM = "/usr/bin/chromium";

	@Autowired
	private ReferralFactStore store;

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		MetricsHistory.seed(store);
		MetricsHistory.nameCboA(client);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
				.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1200");
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build(), options);
	}

	@AfterEach
	void closeBrowser() {
		browser.quit();
	}

	@Test
	void thePageDrawsEveryChartFromTheMeasureReports() throws IOException {
		browser.get("http://127.0.0.1:" + port + "/metrics?periodStart=2020-01-01&periodEnd=2020-12-31");
		new WebDriverWait(browser, Duration.ofSeconds(60))
				.until(b -> !"loading".equals(b.findElement(By.tagName("body")).getAttribute("data-state")));

		assertThat(browser.findElement(By.id("status")).getText()).isEmpty();
		assertThat(browser.findElement(By.tagName("body")).getAttribute("data-state")).isEqualTo("ready");
		// labels and values per dataset, as Chart.js holds them
		assertThat(chart("volume")).isEqualTo(Map.of("labels", List.of("2020-01", "2020-02"),
				"food-insecurity", List.of(4L, 2L), "housing-instability", List.of(2L, 2L)));
		// an organization by its name, or by its id where it has none
		assertThat(chart("rates")).isEqualTo(Map.of("labels", List.of(MetricsHistory.CBO_A_NAME, "m-cbo-b"),
				"accepted %", List.of(57.1, 33.3), "closed-loop %", List.of(42.9, 0L)));
		assertThat(chart("response")).isEqualTo(Map.of("labels",
				List.of("0-1 business days", "1-2 business days", "2-5 business days"), "referrals accepted", List.of(3L, 1L, 1L)));
		assertThat(chart("reasons")).isEqualTo(Map.of("labels", List.of("at-capacity", "declined-by-client"),
				"rejected", List.of(2L, 0L), "cancelled", List.of(0L, 1L)));
		assertThat(browser.findElement(By.id("summary")).getText()).contains("10\nreferrals sent", "50 %\naccepted", "24\nmedian hours to accept");
		assertThat(csv("rates")).isEqualTo("""
				label,organization,accepted %,closed-loop %
				Alpha Food Bank,Organization/m-cbo-a,57.1,42.9
				m-cbo-b,Organization/m-cbo-b,33.3,0
				""");
		assertThat(csv("volume")).isEqualTo("""
				label,food-insecurity,housing-instability
				2020-01,4,2
				2020-02,2,2
				""");

		Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
		Files.write(screenshots.resolve("metrics-page.png"), browser.getScreenshotAs(OutputType.BYTES));
	}

	/** What the chart's CSV button downloads. */
	private String csv(String id) {
		return (String) ((JavascriptExecutor) browser).executeScript("return csvText(arguments[0]);", id);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> chart(String id) {
		return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
				"const c = Chart.getChart(arguments[0]); const out = {labels: c.data.labels};"
						+ " c.data.datasets.forEach(d => { out[d.label] = d.data; }); return out;", id);
	}
}
