package org.sdoh.hub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;

/** A CBO subscribed to the IG's Task topic gets a rest-hook notification for its referral's status change. */
class TaskNotificationTest extends FhirServerTestBase {

	@Autowired
	SubscriptionRegistry registry;

	@Test
	void ownerSubscribedToTheTaskTopicIsNotifiedOfAStatusChangeWithinFiveSeconds() throws Exception {
		try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
			String cbo = create(new Organization().setName(unique("Notified CBO")));
			TaskTopicSubscriptions.subscribe(client, registry,
					TaskTopicSubscriptions.taskTopic("Task?owner=" + cbo, SubscriptionChannelType.RESTHOOK, subscriber.endpoint(), "id-only"));
			String patient = create(new Patient().addName(new HumanName().setFamily("Notified")));
			Task task = Referrals.referralTask(create(Referrals.serviceRequest(patient)), patient, cbo, cbo);
			IdType taskId = (IdType) client.create().resource(task).execute().getId().toUnqualifiedVersionless();
			String created = subscriber.next(5);

			Task stored = client.read().resource(Task.class).withId(taskId).execute();
			client.update().resource(stored.setStatus(TaskStatus.ACCEPTED)).withAdditionalHeader("X-Referral-Party", "owner").execute();
			String accepted = subscriber.next(5);

			assertThat(created).as("notification of the new referral").isNotNull().contains(taskId.getIdPart());
			assertThat(accepted).as("notification of the status change").isNotNull().contains(taskId.getIdPart());
			Bundle notification = fhirContext.newJsonParser().parseResource(Bundle.class, accepted);
			assertThat(notification.getType()).isEqualTo(Bundle.BundleType.HISTORY);
		}
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
