package org.sdoh.hub.metrics;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /metrics} leads to the static page in {@code static/metrics/} (a redirect rather than a
 * forward, so the page's relative links to its script, the WebJar and {@code ../fhir} resolve).
 */
@Configuration
public class MetricsPage implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/metrics", "/metrics/index.html").setKeepQueryParams(true);
	}
}
