package org.sdoh.hub.notification;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.subscription.SubscriptionConstants;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.sdoh.hub.support.SubscriptionActivation;

/** Subscriptions to the IG's Task topic as a CBO makes them (Subscriptions Backport, R4). */
final class TaskTopicSubscriptions {

	static final String PAYLOAD_CONTENT_URL =
			"http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content";

	private TaskTopicSubscriptions() {}

	/** A requested Subscription to Task changes matching {@code filter}, e.g. {@code Task?owner=Organization/1}. */
	static Subscription taskTopic(String filter, SubscriptionChannelType channel, String endpoint, String content) {
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("CBO inbox");
		subscription.getMeta().addProfile(SubscriptionConstants.SUBSCRIPTION_TOPIC_PROFILE_URL);
		subscription.setCriteria(ReferralSubscriptionTopics.TASK_TOPIC);
		subscription.getCriteriaElement().addExtension(SubscriptionConstants.SUBSCRIPTION_TOPIC_FILTER_URL, new StringType(filter));
		subscription.getChannel().setType(channel).setEndpoint(endpoint).setPayload("application/fhir+json");
		subscription.getChannel().getPayloadElement().addExtension(PAYLOAD_CONTENT_URL, new CodeType(content));
		return subscription;
	}

	/** Creates the Subscription and waits until the server's matcher has it for good (see {@link SubscriptionActivation}). */
	static IdType subscribe(IGenericClient client, SubscriptionRegistry registry, Subscription subscription) throws InterruptedException {
		IdType id = (IdType) client.create().resource(subscription).execute().getId().toUnqualifiedVersionless();
		SubscriptionActivation.awaitUsable(client, id, () -> registry.getTopicSubscriptionsByTopic(ReferralSubscriptionTopics.TASK_TOPIC)
				.stream().anyMatch(s -> s.getId().equals(id.getIdPart())));
		return id;
	}
}
