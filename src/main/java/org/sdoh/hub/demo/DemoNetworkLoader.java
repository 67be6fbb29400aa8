package org.sdoh.hub.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.sdoh.hub.app.SdohProperties;
import org.sdoh.hub.metrics.ReferralFactStore;
import org.sdoh.hub.referral.BusinessCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the demo network ({@code ig/demo/demo-network.json}: one clinic, three CBOs with services
 * and locations, patients, referrals in several Task states) and {@link DemoReferralHistory} once: if its clinic already exists the
 * database has been seeded before, and whatever users changed since is left alone.
 */
@Component
public class DemoNetworkLoader {

	private static final Logger LOG = LoggerFactory.getLogger(DemoNetworkLoader.class);
	static final String BUNDLE = "ig/demo/demo-network.json";
	static final IdType MARKER = new IdType("Organization", "demo-clinic");

	private final SdohProperties properties;
	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final IFhirSystemDao<Bundle, ?> systemDao;
	private final ReferralFactStore referralFacts;
	private final BusinessCalendar calendar;

	public DemoNetworkLoader(
			SdohProperties properties,
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			IFhirSystemDao<Bundle, ?> systemDao,
			ReferralFactStore referralFacts,
			BusinessCalendar calendar) {
		this.properties = properties;
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.systemDao = systemDao;
		this.referralFacts = referralFacts;
		this.calendar = calendar;
	}

	public void loadOnce() {
		if (!properties.demo().enabled()) {
			return;
		}
		if (alreadyLoaded()) {
			LOG.info("Demo network already present; not loading it again");
			return;
		}
		try (InputStream in = new ClassPathResource(BUNDLE).getInputStream()) {
			Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, in);
			systemDao.transaction(new SystemRequestDetails(), bundle);
			DemoReferralHistory.load(properties.demo().historyReferrals(), Instant.now(), calendar, systemDao, referralFacts);
			LOG.info("Demo network loaded ({} resources, {} referrals of history)", bundle.getEntry().size(),
					properties.demo().historyReferrals());
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + BUNDLE, e);
		}
	}

	private boolean alreadyLoaded() {
		try {
			daoRegistry.getResourceDao("Organization").read(MARKER, new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
