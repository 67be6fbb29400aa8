package org.sdoh.hub.inbox;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The referral inbox: a static single-page app under {@code static/inbox/} that uses only the public
 * FHIR API and OAuth, like any other CBO client. Spring serves the files; this only maps the bare
 * folder URLs to its page (Spring Boot's welcome page exists for the root alone).
 */
@Configuration
public class InboxPages implements WebMvcConfigurer {

	public static final String PATH = "/inbox";

	/**
	 * The inbox page may load only its own files and talk only to this server and the token issuers:
	 * an injected script could neither load code nor send a token elsewhere.
	 */
	public static String contentSecurityPolicy(List<String> issuers) {
		String issuerOrigins = issuers.stream()
				.map(URI::create)
				.map(uri -> uri.getScheme() + "://" + uri.getAuthority())
				.distinct()
				.collect(Collectors.joining(" "));
		return "default-src 'self'; connect-src 'self' " + issuerOrigins
				+ "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController(PATH, PATH + "/");
		registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
	}
}
