package org.sdoh.hub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;

/** A rest-hook subscriber that is briefly down still gets the notification, exactly once. */
class DeliveryRetryTest extends FhirServerTestBase {

	@Autowired
	SubscriptionRegistry registry;

	@Test
	void subscriberFailingTwiceReceivesTheNotificationOnTheThirdAttempt() throws Exception {
		try (RecordingSubscriber subscriber = RecordingSubscriber.failingFirst(2)) {
			String cbo = create(new Organization().setName(unique("Flaky CBO")));
			TaskTopicSubscriptions.subscribe(client, registry,
					TaskTopicSubscriptions.taskTopic("Task?owner=" + cbo, SubscriptionChannelType.RESTHOOK, subscriber.endpoint(), "id-only"));
			String patient = create(new Patient().addName(new HumanName().setFamily("Retried")));
			IdType taskId = (IdType) client.create().resource(Referrals.referralTask(
					create(Referrals.serviceRequest(patient)), patient, cbo, cbo)).execute().getId().toUnqualifiedVersionless();

			String delivered = subscriber.next(20);

			assertThat(delivered).as("notification after two refused attempts").isNotNull().contains(taskId.getIdPart());
			assertThat(subscriber.attempts()).isEqualTo(3);
		}
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
