package org.sdoh.hub.notification;

import ca.uhn.fhir.jpa.subscription.channel.impl.RetryPolicyProvider;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.retry.RetryPolicy;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;

/**
 * How often, and how patiently, HAPI's in-JVM channels retry a message whose handler failed — for
 * notifications: a rest-hook endpoint that is down or answers 4xx/5xx, an SMTP server that refuses.
 * HAPI wraps every channel handler in a Spring {@code RetryTemplate} from this provider; its own
 * policy is fixed (retry for one minute, 1 s back-off growing by 10 %). Ours comes from
 * {@code sdoh.notification.retry.*}: a bounded number of attempts with exponential back-off. The
 * back-off waits on the subscription's delivery thread, so other subscribers are not held up.
 * The same provider serves HAPI's other in-JVM channels (subscription matching, batch jobs).
 */
public class DeliveryRetryPolicy extends RetryPolicyProvider {

	/** HAPI's bean name for the provider, which its channel factory looks up by name. */
	static final String HAPI_BEAN_NAME = "retryPolicyProvider";

	private final SdohProperties.Retry retry;

	public DeliveryRetryPolicy(SdohProperties properties) {
		this.retry = properties.notification().retry();
	}

	@Override
	protected RetryPolicy retryPolicy() {
		return new SimpleRetryPolicy(retry.maxAttempts());
	}

	@Override
	protected BackOffPolicy backOffPolicy() {
		ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
		backOff.setInitialInterval(retry.initialBackoff().toMillis());
		backOff.setMultiplier(retry.multiplier());
		backOff.setMaxInterval(Math.max(retry.maxBackoff().toMillis(), retry.initialBackoff().toMillis()));
		return backOff;
	}
}
