package org.sdoh.hub.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. Everything the server does is wired from {@link FhirServerConfig}, the one place
 * where HAPI's providers and interceptors are registered.
 */
@SpringBootApplication(scanBasePackages = "org.sdoh.hub", exclude = ThymeleafAutoConfiguration.class)
@ConfigurationPropertiesScan("org.sdoh.hub")
@EnableScheduling
public class SdohHubApplication {

	/** Static: a post-processor must exist before the beans it processes. */
	@Bean
	static BaseDefinitionsPreload baseDefinitionsPreload() {
		return new BaseDefinitionsPreload();
	}

	public static void main(String[] args) {
		BaseDefinitionsPreload.start();
		SpringApplication.run(SdohHubApplication.class, args);
	}
}
