package org.sdoh.hub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;

/** Subscription/[id]/$status as the Subscriptions Backport IG defines it for R4. */
class SubscriptionStatusOperationTest extends FhirServerTestBase {

	@Autowired
	SubscriptionRegistry registry;

	@Test
	void statusOfAnActiveTopicSubscriptionCountsTheEventsDeliveredSinceItStarted() throws Exception {
		try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
			String cbo = create(new Organization().setName(unique("Status CBO")));
			IdType subscription = TaskTopicSubscriptions.subscribe(client, registry,
					TaskTopicSubscriptions.taskTopic("Task?owner=" + cbo, SubscriptionChannelType.RESTHOOK, subscriber.endpoint(), "id-only"));
			String patient = create(new Patient().addName(new HumanName().setFamily("Counted")));
			client.create().resource(Referrals.referralTask(create(Referrals.serviceRequest(patient)), patient, cbo, cbo)).execute();
			assertThat(subscriber.next(10)).as("the one notification").isNotNull();

			Bundle result = client.operation().onInstance(subscription).named("$status").withNoParameters(Parameters.class)
					.returnResourceType(Bundle.class).execute();

			assertThat(result.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
			assertThat(result.getEntry()).hasSize(1);
			Parameters status = (Parameters) result.getEntryFirstRep().getResource();
			assertThat(status.getMeta().hasProfile("http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4")).isTrue();
			assertThat(((Reference) status.getParameter("subscription").getValue()).getReferenceElement().getIdPart()).isEqualTo(subscription.getIdPart());
			assertThat(status.getParameter("topic").getValue().primitiveValue()).isEqualTo(ReferralSubscriptionTopics.TASK_TOPIC);
			assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("active");
			assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("query-status");
			assertThat(status.getParameter("events-since-subscription-start").getValue().primitiveValue()).isEqualTo("1");
			assertThat(status.getParameters("notification-event")).isEmpty();
		}
	}

	@Test
	void statusOfAnUnknownSubscriptionIs404WithAnOperationOutcome() {
		HttpResponse<String> response = send(request("Subscription/" + unique("missing") + "/$status"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(parseOutcome(response.body()).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
