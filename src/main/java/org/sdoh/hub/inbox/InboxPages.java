package org.sdoh.hub.inbox;

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

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController(PATH, PATH + "/");
		registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
	}
}
