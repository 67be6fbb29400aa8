package org.sdoh.hub.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionCanonicalizer;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.topic.SubscriptionTopicConfig;
import ca.uhn.fhir.jpa.topic.SubscriptionTopicRegistry;
import org.sdoh.hub.app.FhirServerConfig;
import org.sdoh.hub.app.SdohProperties;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.mailer.MailerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * HAPI's subscription module: matching of resource changes against active Subscriptions
 * (topic-based, as the Subscriptions Backport IG defines them for R4) and delivery on the in-JVM
 * broker, with retries ({@link DeliveryRetryPolicy}). The channel types offered are set in
 * {@code JpaStorageConfig}: rest-hook always, e-mail when an SMTP host is configured.
 */
@Configuration
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class, SubscriptionTopicConfig.class})
public class NotificationConfig {

	/** Static: it edits bean definitions before any bean (including this configuration) exists. */
	@Bean
	public static HapiBeanReplacement subscriptionRelevanceFilterInstaller() {
		return new HapiBeanReplacement(SubscriptionRelevanceFilter.HAPI_BEAN_NAME, SubscriptionRelevanceFilter.class);
	}

	@Bean
	public SubscriptionStatusOperation subscriptionStatusOperation(
			FhirContext fhirContext, DaoRegistry daoRegistry, SubscriptionRegistry registry, SubscriptionCanonicalizer canonicalizer) {
		return new SubscriptionStatusOperation(fhirContext, daoRegistry, registry, canonicalizer);
	}

	/** Static: it edits bean definitions before any bean (including this configuration) exists. */
	@Bean
	public static HapiBeanReplacement deliveryRetryPolicyInstaller() {
		return new HapiBeanReplacement(DeliveryRetryPolicy.HAPI_BEAN_NAME, DeliveryRetryPolicy.class);
	}

	@Bean
	@ConditionalOnExpression("!'${sdoh.notification.email.host:}'.isBlank()")
	public EmailNotificationDelivery emailNotificationDelivery(
			FhirContext fhirContext, SdohProperties properties, Environment environment) {
		SdohProperties.Email email = properties.notification().email();
		var mailer = MailerBuilder
				.withSMTPServer(email.host(), email.port(), blankToNull(email.username()), blankToNull(email.password()))
				// SMTP_TLS requires STARTTLS; plain SMTP still upgrades when the server offers it.
				.withTransportStrategy(email.starttls() ? TransportStrategy.SMTP_TLS : TransportStrategy.SMTP);
		return new EmailNotificationDelivery(fhirContext, mailer.buildMailer(), email.from(),
				() -> serverBaseUrl(properties, environment));
	}

	/**
	 * HAPI's delivery machinery needs an e-mail sender bean; it is never called, because
	 * {@link EmailNotificationDelivery} answers every e-mail delivery before HAPI's listener runs.
	 */
	@Bean
	public IEmailSender emailSender() {
		return details -> {
			throw new IllegalStateException("E-mail notifications are sent by EmailNotificationDelivery");
		};
	}

	/**
	 * The base URL for links in notifications: {@code sdoh.api.public-base-url}, or, when that is
	 * empty (links otherwise follow each request), this server's own listening address.
	 */
	static String serverBaseUrl(SdohProperties properties, Environment environment) {
		String configured = properties.api().publicBaseUrl();
		if (!configured.isBlank()) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		return "http://" + environment.getProperty("server.address", "localhost") + ":"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"))
				+ FhirServerConfig.FHIR_BASE_PATH;
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}
}
