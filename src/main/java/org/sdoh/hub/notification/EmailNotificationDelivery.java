package org.sdoh.hub.notification;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscriptionChannelType;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.simplejavamail.api.email.Email;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.email.EmailBuilder;

/**
 * Delivers e-mail channel notifications itself, with no PHI: the mail names the changed resource
 * (e.g. {@code Task/123}) and links to it on this server, nothing else. HAPI's own e-mail listener
 * would put the notification payload (the Task, in full-resource Subscriptions) into the body and
 * run it and the Subscription's subject through a template engine; answering the delivery here at
 * {@code SUBSCRIPTION_BEFORE_DELIVERY} keeps both from happening. The mail is sent synchronously, so
 * an SMTP failure fails the delivery and HAPI's channel retries it ({@link DeliveryRetryPolicy}).
 */
@Interceptor
public class EmailNotificationDelivery {

	private static final String SUBJECT = "Referral update";

	private final FhirContext fhirContext;
	private final Mailer mailer;
	private final String from;
	private final Supplier<String> serverBaseUrl;

	public EmailNotificationDelivery(FhirContext fhirContext, Mailer mailer, String from, Supplier<String> serverBaseUrl) {
		this.fhirContext = fhirContext;
		this.mailer = mailer;
		this.from = from;
		this.serverBaseUrl = serverBaseUrl;
	}

	/** Returns false for e-mail Subscriptions: delivered here, HAPI's e-mail listener must not run. */
	@Hook(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY)
	public boolean deliver(ResourceDeliveryMessage message, CanonicalSubscription subscription) {
		if (subscription.getChannelType() != CanonicalSubscriptionChannelType.EMAIL) {
			return true;
		}
		mailer.sendMail(mail(subscription, changedResource(message, subscription)), false).join();
		return false;
	}

	private Email mail(CanonicalSubscription subscription, Optional<IIdType> changed) {
		String body = changed
				.map(id -> "A referral resource you subscribed to has changed: " + id.getValue() + "\n\n"
						+ "Open it on the referral hub (sign-in required):\n" + serverBaseUrl.get() + "/" + id.getValue() + "\n")
				.orElse("A referral resource you subscribed to has changed. Open your worklist on the referral hub:\n"
						+ serverBaseUrl.get() + "\n");
		return EmailBuilder.startingBlank()
				.from(from)
				.toMultiple(recipients(subscription))
				.withSubject(SUBJECT + changed.map(id -> ": " + id.getValue()).orElse(""))
				.withPlainText(body + "\nThis message deliberately contains no personal information.\n")
				.withHeader("X-FHIR-Subscription", subscription.getIdElement(fhirContext).toUnqualifiedVersionless().getValue())
				.buildEmail();
	}

	/** Subscription.channel.endpoint holds one or more {@code mailto:} addresses, comma-separated. */
	private static String[] recipients(CanonicalSubscription subscription) {
		return Arrays.stream(subscription.getEndpointUrl().split(","))
				.map(String::trim)
				.map(address -> address.startsWith("mailto:") ? address.substring("mailto:".length()) : address)
				.filter(address -> !address.isEmpty())
				.toArray(String[]::new);
	}

	/**
	 * The changed resource, type and id only: a topic notification names it as the focus of its
	 * SubscriptionStatus (absent for {@code empty} payload content), a criteria-based one as the
	 * message's payload id.
	 */
	private Optional<IIdType> changedResource(ResourceDeliveryMessage message, CanonicalSubscription subscription) {
		if (!subscription.isTopicSubscription()) {
			return Optional.ofNullable(message.getPayloadId(fhirContext)).map(IIdType::toUnqualifiedVersionless);
		}
		Bundle notification = (Bundle) message.getPayload(fhirContext);
		Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
		return status.getParameter().stream()
				.filter(parameter -> "notification-event".equals(parameter.getName()))
				.flatMap(event -> event.getPart().stream())
				.filter(part -> "focus".equals(part.getName()) && part.getValue() instanceof Reference)
				.map(part -> ((Reference) part.getValue()).getReferenceElement().toUnqualifiedVersionless())
				.findFirst();
	}
}
