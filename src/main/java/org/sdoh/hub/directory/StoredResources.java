package org.sdoh.hub.directory;

import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.dao.SearchBuilderFactory;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.springframework.stereotype.Component;

/**
 * Reads the current versions of stored resources by HAPI resource pid, of any types together, in
 * one batch through HAPI's search builder: the loading (and parsing) HAPI's own searches end with,
 * without the search (id resolution, query building) that an {@code _id} search would run first for
 * resources whose pids {@link ServiceLocator} already knows.
 */
@Component
class StoredResources {

	private final SearchBuilderFactory<JpaPid> searchBuilders;
	private final IHapiTransactionService transactions;

	StoredResources(SearchBuilderFactory<JpaPid> searchBuilders, IHapiTransactionService transactions) {
		this.searchBuilders = searchBuilders;
		this.transactions = transactions;
	}

	/** The resources by pid; a resource deleted since its pid was found is left out. */
	Map<Long, IBaseResource> read(Collection<Long> pids) {
		if (pids.isEmpty()) {
			return Map.of();
		}
		List<JpaPid> ids = pids.stream().distinct().map(JpaPid::fromId).toList();
		List<IBaseResource> loaded = new ArrayList<>(ids.size());
		// The builder's resource type only names it: loading by pid reads whatever type each pid has.
		transactions.withSystemRequestOnDefaultPartition().readOnly().execute(() -> searchBuilders
				.newSearchBuilder("HealthcareService", HealthcareService.class)
				.loadResourcesByPid(ids, List.of(), loaded, false, new SystemRequestDetails()));
		Map<Long, IBaseResource> byPid = new HashMap<>();
		loaded.forEach(resource -> byPid.put(IDao.RESOURCE_PID.get(resource).getId(), resource));
		return byPid;
	}
}
