package org.sdoh.hub.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Subscriptions of callers other than network administrators:
 * <ul>
 *   <li>Notifications never carry data past the access rules: the payload must be {@code id-only} or
 *       {@code empty} (Subscriptions Backport payload content). The subscriber then fetches what
 *       changed through the API, where scopes, organization and consent apply — a full-resource
 *       payload would bypass all three.</li>
 *   <li>A Subscription belongs to the organization that created it (tag {@value #SUBSCRIBER_TAG}),
 *       which is the only one to see, change or ask {@code $status} of it.</li>
 * </ul>
 */
@Interceptor
public class SubscriptionRules {

	/** Tags a Subscription with the organization that created it, so it sees only its own. */
	public static final String SUBSCRIBER_TAG = "https://sdoh-referral-hub.org/fhir/CodeSystem/subscriber-organization";

	static final String PAYLOAD_CONTENT =
			"http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-payload-content";
	private static final Set<String> ALLOWED = Set.of("id-only", "empty");

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void onCreate(IBaseResource resource) {
		check(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void onUpdate(IBaseResource previous, IBaseResource updated) {
		check(updated);
	}

	private static void check(IBaseResource resource) {
		Optional<Caller> caller = Caller.current();
		if (!(resource instanceof Subscription subscription) || caller.isEmpty() || caller.get().admin()) {
			return;
		}
		requireIdsOnly(subscription);
		caller.get().organization().ifPresent(organization -> {
			subscription.getMeta().getTag().removeIf(tag -> SUBSCRIBER_TAG.equals(tag.getSystem()));
			subscription.getMeta().addTag(SUBSCRIBER_TAG, organization, null);
		});
	}

	private static void requireIdsOnly(Subscription subscription) {
		var content = subscription.getChannel().getPayloadElement().getExtensionByUrl(PAYLOAD_CONTENT);
		String payload = content == null ? "" : content.getValue().primitiveValue();
		if (!ALLOWED.contains(payload)) {
			throw new ForbiddenOperationException("Subscription.channel.payload content must be id-only or empty (was '"
					+ (payload.isEmpty() ? "unspecified" : payload) + "'): notifications carry no data; fetch changes through the API");
		}
	}
}
