package org.sdoh.hub.directory.hsds;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.sdoh.hub.directory.hsds.HsdsToFhir.Mapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores a mapped HSDS data package: transactions of {@value #BATCH} PUTs by id (update-as-create,
 * so re-importing updates and an unchanged record makes no new version), organizations first, then
 * locations, then services, so every reference points at something stored. A batch HAPI refuses is
 * reported record by record; the others are kept. Progress goes to the log after every batch.
 */
@Component
public class HsdsImporter {

	/** What happened: stored records, those left out and why. */
	public record Summary(int received, int stored, List<RejectedRecord> rejected) {}

	/** Told after the package is mapped and after every batch: resources handled of all to store, records rejected so far. */
	@FunctionalInterface
	public interface Progress {
		Progress NONE = (done, total, rejected) -> {};

		void update(int done, int total, int rejected);
	}

	private static final Logger LOG = LoggerFactory.getLogger(HsdsImporter.class);
	static final int BATCH = 250;

	private final DaoRegistry daoRegistry;
	private final IFhirSystemDao<Bundle, ?> systemDao;

	public HsdsImporter(DaoRegistry daoRegistry, IFhirSystemDao<Bundle, ?> systemDao) {
		this.daoRegistry = daoRegistry;
		this.systemDao = systemDao;
	}

	public Summary importPackage(HsdsDataPackage data) {
		return importPackage(data, Progress.NONE);
	}

	public Summary importPackage(HsdsDataPackage data, Progress progress) {
		Mapped mapped = HsdsToFhir.map(data, this::organizationStored);
		List<DomainResource> ordered = new ArrayList<>(mapped.organizations());
		ordered.addAll(mapped.locations());
		ordered.addAll(mapped.services());
		List<RejectedRecord> rejected = new ArrayList<>(mapped.rejected());
		int stored = 0;
		progress.update(0, ordered.size(), rejected.size());
		for (int from = 0; from < ordered.size(); from += BATCH) {
			List<DomainResource> batch = ordered.subList(from, Math.min(from + BATCH, ordered.size()));
			try {
				systemDao.transaction(new SystemRequestDetails(), transaction(batch));
				stored += batch.size();
			} catch (BaseServerResponseException e) {
				batch.forEach(r -> rejected.add(new RejectedRecord(table(r), r.getIdElement().getIdPart(), e.getMessage())));
			}
			progress.update(from + batch.size(), ordered.size(), rejected.size());
			LOG.info("HSDS import: {}/{} records stored ({}%), {} rejected", stored, ordered.size(),
					100 * (from + batch.size()) / ordered.size(), rejected.size());
		}
		return new Summary(data.rowCount(), stored, rejected);
	}

	private static Bundle transaction(List<DomainResource> batch) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (DomainResource resource : batch) {
			String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
			bundle.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
		}
		return bundle;
	}

	private boolean organizationStored(String id) {
		try {
			daoRegistry.getResourceDao("Organization").read(new IdType("Organization", id), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}

	/** The HSDS table a resource came from: service, location, organization. */
	private static String table(DomainResource resource) {
		return resource instanceof org.hl7.fhir.r4.model.HealthcareService ? "service" : resource.fhirType().toLowerCase(java.util.Locale.ROOT);
	}
}
