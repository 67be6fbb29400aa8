package org.sdoh.hub.notification;

import ca.uhn.fhir.jpa.topic.R4SubscriptionTopicBuilder;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * The Gravity IG's two subscription topics. The IG defines them only in narrative (no
 * SubscriptionTopic resources are published), so the server builds them, as the Subscriptions
 * Backport IG represents topics in R4 (Basic), with HAPI's topic builder, and stores them at
 * start-up like the rest of its conformance content.
 */
public final class ReferralSubscriptionTopics {

	public static final String TASK_TOPIC = "http://hl7.org/fhir/us/sdoh-clinicalcare/SubscriptionTopic/Task";
	/** Spelled with a lower-case r, as the IG does. */
	public static final String SERVICE_REQUEST_TOPIC =
			"http://hl7.org/fhir/us/sdoh-clinicalcare/SubscriptionTopic/Servicerequest";
	static final String VERSION = "3.0.0";

	private ReferralSubscriptionTopics() {}

	public static List<Basic> all() {
		return List.of(taskTopic(), serviceRequestTopic());
	}

	static Basic taskTopic() {
		R4SubscriptionTopicBuilder topic = new R4SubscriptionTopicBuilder()
				.setId("sdohcc-topic-task")
				.setUrl(TASK_TOPIC)
				.setVersion(VERSION)
				.setName("SDOHCCTaskTopic")
				.setTitle("SDOHCC referral Task changes")
				.setDescription("A referral Task was created or changed (status, output, owner...). Filter by owner or requester.")
				.setStatus(PublicationStatus.ACTIVE)
				.addResourceTrigger()
				.setResourceTriggerResource("Task")
				.addResourceTriggerSupportedInteraction("create")
				.addResourceTriggerSupportedInteraction("update");
		for (String parameter : List.of("owner", "requester", "status", "code", "_lastUpdated")) {
			topic.addCanFilterBy().setCanFilterByResource("Task").setCanFilterByParameter(parameter);
		}
		return topic.build();
	}

	static Basic serviceRequestTopic() {
		R4SubscriptionTopicBuilder topic = new R4SubscriptionTopicBuilder()
				.setId("sdohcc-topic-servicerequest")
				.setUrl(SERVICE_REQUEST_TOPIC)
				.setVersion(VERSION)
				.setName("SDOHCCServiceRequestTopic")
				.setTitle("SDOHCC ServiceRequest changes")
				.setDescription("A ServiceRequest being fulfilled was modified, suspended or cancelled. Filter by _id.")
				.setStatus(PublicationStatus.ACTIVE)
				.addResourceTrigger()
				.setResourceTriggerResource("ServiceRequest")
				.addResourceTriggerSupportedInteraction("update")
				.addResourceTriggerSupportedInteraction("delete");
		for (String parameter : List.of("_id", "_lastUpdated")) {
			topic.addCanFilterBy().setCanFilterByResource("ServiceRequest").setCanFilterByParameter(parameter);
		}
		return topic.build();
	}
}
