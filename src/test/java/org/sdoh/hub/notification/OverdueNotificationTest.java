package org.sdoh.hub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.referral.ReferralEscalation;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;

/** Escalation flags an unanswered referral overdue, and the subscribers to its Task hear of it. */
class OverdueNotificationTest extends FhirServerTestBase {

	@Autowired
	SubscriptionRegistry registry;

	@Autowired
	ReferralEscalation escalation;

	@Test
	void referralFlaggedOverdueIsNotifiedWithItsBusinessStatus() throws Exception {
		try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
			String cbo = create(new Organization().setName(unique("Slow CBO")));
			TaskTopicSubscriptions.subscribe(client, registry,
					TaskTopicSubscriptions.taskTopic("Task?owner=" + cbo, SubscriptionChannelType.RESTHOOK, subscriber.endpoint(), "full-resource"));
			String patient = create(new Patient().addName(new HumanName().setFamily("Waiting")));
			Task referral = Referrals.referralTask(create(Referrals.serviceRequest(patient)), patient, cbo, cbo);
			referral.setAuthoredOn(Date.from(Instant.now().minus(10, ChronoUnit.DAYS)));
			IdType taskId = (IdType) client.create().resource(referral).execute().getId().toUnqualifiedVersionless();
			assertThat(subscriber.next(10)).as("notification of the new referral").isNotNull();

			escalation.escalateOverdueReferrals(Instant.now());
			String overdue = subscriber.next(10);

			assertThat(overdue).as("notification of the escalation").isNotNull();
			Task notified = fhirContext.newJsonParser().parseResource(Bundle.class, overdue).getEntry().stream()
					.map(Bundle.BundleEntryComponent::getResource).filter(Task.class::isInstance).map(Task.class::cast)
					.findFirst().orElseThrow();
			assertThat(notified.getIdElement().getIdPart()).isEqualTo(taskId.getIdPart());
			assertThat(notified.getBusinessStatus().getCodingFirstRep().getSystem()).isEqualTo(ReferralEscalation.SYSTEM);
			assertThat(notified.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo(ReferralEscalation.OVERDUE);
		}
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
