package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.SubscriptionActivation;
import org.springframework.beans.factory.annotation.Autowired;

/** A navigator's system subscribed to HealthcareService capacity changes hears about a service filling up. */
class CapacitySubscriptionTest extends FhirServerTestBase {

	@Autowired
	SubscriptionRegistry registry;

	private HttpServer subscriber;
	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	@BeforeEach
	void startSubscriber() throws IOException {
		subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		subscriber.createContext("/hook", exchange -> {
			received.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
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
	void aServiceReportingNoCapacityIsDeliveredToTheSubscriber() throws Exception {
		HealthcareService service = new HealthcareService().setActive(true).setName(unique("Watched pantry"));
		new CapacityReport(CapacityStatus.CAPACITY, null, null, null).applyTo(service);
		String id = client.create().resource(service).execute().getId().getIdPart();
		IdType subscription = subscribe("HealthcareService?_id=" + id + "&capacity-status=no-capacity");
		SubscriptionActivation.awaitUsable(client, subscription, () -> registry.get(subscription.getIdPart()) != null);

		client.operation().onInstance("HealthcareService/" + id).named("$set-capacity")
				.withParameters(new Parameters().addParameter("status", new CodeType("no-capacity"))).execute();
		String notification = received.poll(30, TimeUnit.SECONDS);

		assertThat(notification).as("notification of the capacity change").isNotNull();
		assertThat(notification).startsWith("/hook/HealthcareService/" + id);
		assertThat(notification).contains("no-capacity");
	}

	private IdType subscribe(String criteria) {
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED)
				.setReason("Capacity watch").setCriteria(criteria);
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
				.setEndpoint("http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hook")
				.setPayload("application/fhir+json");
		return (IdType) client.create().resource(subscription).execute().getId().toUnqualifiedVersionless();
	}
}
