package org.sdoh.hub.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionCanonicalizer;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.topic.status.R4NotificationStatusBuilder;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Subscription;

/**
 * {@code Subscription/[id]/$status} of the Subscriptions Backport IG (1.1.0, R4): a searchset Bundle
 * with the Subscription's status as a backport SubscriptionStatus {@code Parameters}, built by HAPI's
 * R4 notification status builder (the same one that heads every notification) and turned into a
 * {@code query-status}. Events since subscription start is HAPI's in-memory delivery counter, so it
 * restarts at 0 when the server restarts. An unknown id is 404, a deleted one 410 (HAPI's read).
 */
public class SubscriptionStatusOperation {

	private final DaoRegistry daoRegistry;
	private final SubscriptionRegistry registry;
	private final SubscriptionCanonicalizer canonicalizer;
	private final R4NotificationStatusBuilder statusBuilder;

	public SubscriptionStatusOperation(
			FhirContext fhirContext, DaoRegistry daoRegistry, SubscriptionRegistry registry, SubscriptionCanonicalizer canonicalizer) {
		this.daoRegistry = daoRegistry;
		this.registry = registry;
		this.canonicalizer = canonicalizer;
		this.statusBuilder = new R4NotificationStatusBuilder(fhirContext);
	}

	@Operation(name = "$status", type = Subscription.class, idempotent = true)
	public Bundle status(@IdParam IdType id, RequestDetails request) {
		Subscription stored = daoRegistry.getResourceDao(Subscription.class).read(id.toVersionless(), request);
		// Not active (requested, error, off): not in the matcher, so nothing delivered since it started.
		ActiveSubscription subscription = registry.get(stored.getIdElement().getIdPart());
		if (subscription == null) {
			subscription = new ActiveSubscription(canonicalizer.canonicalize(stored), null);
		}
		if (!subscription.getSubscription().isTopicSubscription()) {
			throw new InvalidRequestException("$status is defined for topic-based Subscriptions only; "
					+ stored.getIdElement().toUnqualifiedVersionless().getValue() + " is criteria-based");
		}
		Parameters status = statusBuilder.buildNotificationStatus(List.of(), subscription, subscription.getSubscription().getTopic());
		status.setParameter("status", new CodeType(stored.getStatus().toCode()));
		status.setParameter("type", new CodeType("query-status"));
		status.getParameter().removeIf(parameter -> "notification-event".equals(parameter.getName()));

		Bundle result = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		result.setTotal(1);
		result.addEntry().setFullUrl("urn:uuid:" + status.getIdElement().getIdPart()).setResource(status)
				.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
		return result;
	}
}
