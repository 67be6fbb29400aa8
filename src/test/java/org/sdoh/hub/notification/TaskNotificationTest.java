package org.sdoh.hub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.subscription.SubscriptionConstants;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.referral.ReferralTaskRules;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;

/** A CBO subscribed to the IG's Task topic gets a rest-hook notification for its referral's status change. */
class TaskNotificationTest extends FhirServerTestBase {

	@Autowired
	SubscriptionRegistry registry;

	private HttpServer subscriber;
	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	@BeforeEach
	void startSubscriber() throws IOException {
		subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		subscriber.createContext("/hook", exchange -> {
			received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		subscriber.start();
	}

	@AfterEach
	void stopSubscriber() {
		subscriber.stop(0);
	}

	@Test
	void ownerSubscribedToTheTaskTopicIsNotifiedOfAStatusChangeWithinFiveSeconds() throws Exception {
		String cbo = create(new Organization().setName(unique("Notified CBO")));
		IdType subscription = subscribe("Task?owner=" + cbo);
		awaitActive(subscription);
		String patient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Notified")));
		Task task = new Task().setStatus(TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER);
		task.getCode().addCoding().setSystem(ReferralTaskRules.TASK_CODE_SYSTEM).setCode(ReferralTaskRules.FULFILL);
		task.setFocus(new Reference(create(Referrals.serviceRequest(patient)))).setFor(new Reference(patient))
				.setRequester(new Reference(cbo)).setOwner(new Reference(cbo)).setAuthoredOnElement(org.hl7.fhir.r4.model.DateTimeType.now());
		IdType taskId = (IdType) client.create().resource(task).execute().getId().toUnqualifiedVersionless();
		String created = received.poll(5, TimeUnit.SECONDS);

		Task stored = client.read().resource(Task.class).withId(taskId).execute();
		client.update().resource(stored.setStatus(TaskStatus.ACCEPTED)).withAdditionalHeader("X-Referral-Party", "owner").execute();
		String accepted = received.poll(5, TimeUnit.SECONDS);

		assertThat(created).as("notification of the new referral").isNotNull().contains(taskId.getIdPart());
		assertThat(accepted).as("notification of the status change").isNotNull().contains(taskId.getIdPart());
		Bundle notification = fhirContext.newJsonParser().parseResource(Bundle.class, accepted);
		assertThat(notification.getType()).isEqualTo(Bundle.BundleType.HISTORY);
	}

	private IdType subscribe(String filter) {
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("CBO inbox");
		subscription.getMeta().addProfile(SubscriptionConstants.SUBSCRIPTION_TOPIC_PROFILE_URL);
		subscription.setCriteria(ReferralSubscriptionTopics.TASK_TOPIC);
		subscription.getCriteriaElement().addExtension(SubscriptionConstants.SUBSCRIPTION_TOPIC_FILTER_URL, new StringType(filter));
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
				.setEndpoint("http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hook")
				.setPayload("application/fhir+json");
		subscription.getChannel().getPayloadElement().addExtension(
				"http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content", new CodeType("id-only"));
		return (IdType) client.create().resource(subscription).execute().getId().toUnqualifiedVersionless();
	}

	/** Active in the database and registered in the server's matcher (which follows asynchronously). */
	private void awaitActive(IdType subscription) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (Instant.now().isBefore(deadline)) {
			boolean active = client.read().resource(Subscription.class).withId(subscription).execute().getStatus()
					== Subscription.SubscriptionStatus.ACTIVE;
			boolean registered = registry.getTopicSubscriptionsByTopic(ReferralSubscriptionTopics.TASK_TOPIC).stream()
					.anyMatch(s -> s.getId().equals(subscription.getIdPart()));
			if (active && registered) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Subscription " + subscription.getValue() + " did not become active");
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
