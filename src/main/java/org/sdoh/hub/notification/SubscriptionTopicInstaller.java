package org.sdoh.hub.notification;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Basic;
import org.springframework.stereotype.Component;

/** Stores the IG's subscription topics by id at start-up (an unchanged topic makes no new version). */
@Component
public class SubscriptionTopicInstaller {

	private final DaoRegistry daoRegistry;

	public SubscriptionTopicInstaller(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	public void install() {
		IFhirResourceDao<Basic> basics = daoRegistry.getResourceDao(Basic.class);
		for (Basic topic : ReferralSubscriptionTopics.all()) {
			basics.update(topic, new SystemRequestDetails());
		}
	}
}
