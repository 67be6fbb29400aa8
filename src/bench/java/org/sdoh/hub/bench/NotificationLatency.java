package org.sdoh.hub.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.subscription.SubscriptionConstants;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;

/**
 * The notification-latency case: a local rest-hook endpoint subscribed (id-only) to the IG's Task
 * topic for one owner; the time from sending a Task update (as that CBO, with a token when the
 * benchmark runs secure) to the arrival of its notification. Each updater waits for its notification
 * before the next update, so the numbers are delivery latency, not a backlog.
 */
final class NotificationLatency implements AutoCloseable {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String JSON = "application/fhir+json";
	private static final String TASK_TOPIC = "http://hl7.org/fhir/us/sdoh-clinicalcare/SubscriptionTopic/Task";

	private final String base;
	private final BenchCallers callers;
	private final IParser parser = FHIR.newJsonParser();
	private final HttpClient http = HttpClient.newHttpClient();
	private final HttpServer endpoint;
	private final ExecutorService endpointThreads = Executors.newFixedThreadPool(4);
	/** Arrival time (nanoTime) of the next notification about each Task id. */
	private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
	private final AtomicInteger received = new AtomicInteger();
	private String subscriptionId;
	private String owner;

	NotificationLatency(String base, BenchCallers callers) throws Exception {
		this.base = base;
		this.callers = callers;
		endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		endpoint.setExecutor(endpointThreads);
		endpoint.createContext("/hook", exchange -> {
			long arrived = System.nanoTime();
			Bundle notification = parser.parseResource(Bundle.class, exchange.getRequestBody());
			arrival(focus(notification)).complete(arrived);
			received.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		endpoint.start();
	}

	/** Subscribes the endpoint to changes of {@code owner}'s Tasks and waits until the Subscription is active. */
	void subscribe(String owner) throws Exception {
		this.owner = owner;
		Subscription subscription = new Subscription().setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("benchmark");
		subscription.getMeta().addProfile(SubscriptionConstants.SUBSCRIPTION_TOPIC_PROFILE_URL);
		subscription.setCriteria(TASK_TOPIC);
		subscription.getCriteriaElement().addExtension(SubscriptionConstants.SUBSCRIPTION_TOPIC_FILTER_URL, new StringType("Task?owner=" + owner));
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setPayload(JSON)
				.setEndpoint("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook");
		subscription.getChannel().getPayloadElement().addExtension(
				"http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content", new CodeType("id-only"));
		HttpResponse<String> created = http.send(callers.asAdmin(request("Subscription"))
				.header("Content-Type", JSON).header("Prefer", "return=representation")
				.POST(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(subscription))).build(),
				HttpResponse.BodyHandlers.ofString());
		subscriptionId = "Subscription/" + parser.parseResource(Subscription.class, created.body()).getIdElement().getIdPart();
		Instant deadline = Instant.now().plusSeconds(60);
		while (read(callers.asAdmin(request(subscriptionId)), Subscription.class).getStatus() != Subscription.SubscriptionStatus.ACTIVE) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(subscriptionId + " did not become active");
			}
			Thread.sleep(200);
		}
		Thread.sleep(2000); // the matcher registers an active Subscription asynchronously
	}

	/** Waits until {@code count} notifications arrived; returns the ids of the Tasks they were about. */
	List<String> awaitNotifications(int count) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(120);
		while (received.get() < count && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		List<String> ids = new ArrayList<>(arrivals.keySet());
		arrivals.clear();
		return ids;
	}

	/** Moves each Task to {@code accepted} as its owner, {@code concurrency} at a time; latency = update sent → notification in. */
	LoadRunner.Result measure(String name, int concurrency, List<String> taskIds) throws Exception {
		List<HttpRequest> updates = new ArrayList<>();
		for (String id : taskIds) {
			Task task = read(callers.asCbo(request("Task/" + id), owner), Task.class).setStatus(Task.TaskStatus.ACCEPTED);
			updates.add(callers.asCbo(request("Task/" + id), owner)
					.header("Content-Type", JSON).header("Prefer", "return=minimal").header("X-Referral-Party", "owner")
					.PUT(HttpRequest.BodyPublishers.ofString(parser.encodeResourceToString(task))).build());
		}
		return LoadRunner.measure(name, concurrency, updates.size(), i -> {
			CompletableFuture<Long> delivered = arrival(taskIds.get(i));
			long sent = System.nanoTime();
			if (http.send(updates.get(i), HttpResponse.BodyHandlers.discarding()).statusCode() >= 300) {
				return OptionalLong.empty();
			}
			return OptionalLong.of(delivered.get(10, TimeUnit.SECONDS) - sent);
		});
	}

	private CompletableFuture<Long> arrival(String taskId) {
		return arrivals.computeIfAbsent(taskId, id -> new CompletableFuture<>());
	}

	/** The Task a notification is about: the focus of its SubscriptionStatus. */
	private static String focus(Bundle notification) {
		Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
		return ((Reference) status.getParameter("notification-event").getPart().stream()
				.filter(part -> "focus".equals(part.getName())).findFirst().orElseThrow().getValue())
				.getReferenceElement().getIdPart();
	}

	private HttpRequest.Builder request(String relative) {
		return HttpRequest.newBuilder(URI.create(base + "/" + relative));
	}

	private <T extends org.hl7.fhir.r4.model.Resource> T read(HttpRequest.Builder request, Class<T> type) throws Exception {
		HttpResponse<String> response = http.send(request.header("Accept", JSON).GET().build(), HttpResponse.BodyHandlers.ofString());
		return parser.parseResource(type, response.body());
	}

	/** Removes the Subscription (later cases measure writes nobody listens to) and stops the endpoint. */
	@Override
	public void close() throws Exception {
		if (subscriptionId != null) {
			http.send(callers.asAdmin(request(subscriptionId)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
		}
		endpoint.stop(0);
		endpointThreads.shutdown();
	}
}
