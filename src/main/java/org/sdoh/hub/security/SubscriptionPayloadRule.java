package org.sdoh.hub.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;

/**
 * Notifications never carry data past the access rules: a Subscription of any caller but a network
 * administrator must ask for {@code id-only} or {@code empty} payloads (Subscriptions Backport
 * payload content). The subscriber then fetches what changed through the API, where scopes,
 * organization and consent apply — a full-resource payload would bypass all three.
 */
@Interceptor
public class SubscriptionPayloadRule {

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
		if (!(resource instanceof Subscription subscription) || Caller.current().map(Caller::admin).orElse(true)) {
			return;
		}
		var content = subscription.getChannel().getPayloadElement().getExtensionByUrl(PAYLOAD_CONTENT);
		String payload = content == null ? "" : content.getValue().primitiveValue();
		if (!ALLOWED.contains(payload)) {
			throw new ForbiddenOperationException("Subscription.channel.payload content must be id-only or empty (was '"
					+ (payload.isEmpty() ? "unspecified" : payload) + "'): notifications carry no data; fetch changes through the API");
		}
	}
}
