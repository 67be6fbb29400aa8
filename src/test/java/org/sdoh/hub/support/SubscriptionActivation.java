package org.sdoh.hub.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Waits for a requested Subscription to be usable. HAPI activates it on a matching thread and
 * registers it in its matcher; another matching thread handling the same creation may read the
 * Subscription before the activation commits and unregister it again, until the activation's own
 * message registers it once more. A change sent in that gap is never matched, so a subscription
 * counts as usable only once it has stayed active and registered for a settle period.
 */
public final class SubscriptionActivation {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);
	private static final Duration SETTLED = Duration.ofSeconds(1);

	private SubscriptionActivation() {}

	public static void awaitUsable(IGenericClient client, IdType subscription, BooleanSupplier registeredInMatcher)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(TIMEOUT);
		Instant usableSince = null;
		while (Instant.now().isBefore(deadline)) {
			boolean active = client.read().resource(Subscription.class).withId(subscription).execute().getStatus()
					== Subscription.SubscriptionStatus.ACTIVE;
			if (active && registeredInMatcher.getAsBoolean()) {
				usableSince = usableSince == null ? Instant.now() : usableSince;
				if (Duration.between(usableSince, Instant.now()).compareTo(SETTLED) >= 0) {
					return;
				}
			} else {
				usableSince = null;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Subscription " + subscription.getValue() + " did not become active");
	}
}
