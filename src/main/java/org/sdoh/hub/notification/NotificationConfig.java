package org.sdoh.hub.notification;

import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.topic.SubscriptionTopicConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.topic.SubscriptionTopicRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI's subscription module: matching of resource changes against active Subscriptions
 * (topic-based, as the Subscriptions Backport IG defines them for R4) and delivery on the in-JVM
 * broker, with HAPI's retries. The channel types offered are set in {@code JpaStorageConfig}.
 */
@Configuration
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class, SubscriptionTopicConfig.class})
public class NotificationConfig {

	/**
	 * HAPI's delivery machinery needs an e-mail sender even when the e-mail channel is not offered
	 * (it is not among the supported channel types yet, so no e-mail Subscription is accepted).
	 */
	@Bean
	public SubscriptionRelevanceFilter subscriptionRelevanceFilter(
			FhirContext fhirContext, SubscriptionRegistry subscriptions, SubscriptionTopicRegistry topics) {
		return new SubscriptionRelevanceFilter(fhirContext, subscriptions, topics);
	}

	@Bean
	public IEmailSender emailSender() {
		return details -> {
			throw new IllegalStateException("The e-mail subscription channel is not configured on this server");
		};
	}
}
