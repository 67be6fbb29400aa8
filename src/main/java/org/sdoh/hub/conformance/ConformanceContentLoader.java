package org.sdoh.hub.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads our own conformance content shipped in the jar: {@code ig/} (SearchParameters, extensions,
 * SubscriptionTopics, ...) and {@code terminology/} (CodeSystems, ValueSets, Questionnaires). Each
 * resource is written by its id (PUT semantics): an unchanged file creates no new version, a changed
 * file updates the stored one. A stored SearchParameter is active at once (HAPI refreshes its
 * registry after the load). The demo data ({@code ig/demo/}) and the CapabilityStatement
 * declaration are not conformance resources and are skipped.
 *
 * <p>All of it is written in one transaction, so HAPI rebuilds its search parameter registry once
 * instead of once per SearchParameter; and a new or changed SearchParameter asks for a reindex job
 * only when resources it applies to are already stored (on a fresh database none are). Both were
 * seconds of every first start.
 */
@Component
public class ConformanceContentLoader {

	private static final Logger LOG = LoggerFactory.getLogger(ConformanceContentLoader.class);
	private static final List<String> LOCATIONS = List.of("classpath*:ig/**/*.json", "classpath*:terminology/**/*.json");
	/** Definitions before what uses them: code systems before value sets, search parameters early. */
	private static final List<String> TYPE_ORDER =
			List.of("StructureDefinition", "CodeSystem", "ValueSet", "ConceptMap", "SearchParameter");

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final IHapiTransactionService transactions;
	private final ISearchParamRegistry searchParamRegistry;

	public ConformanceContentLoader(FhirContext fhirContext, DaoRegistry daoRegistry, IHapiTransactionService transactions,
			ISearchParamRegistry searchParamRegistry) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.transactions = transactions;
		this.searchParamRegistry = searchParamRegistry;
	}

	public void load() {
		List<IBaseResource> resources = readAll();
		resources.sort(Comparator.comparingInt(ConformanceContentLoader::typeRank));
		List<Boolean> reindexSkipped = transactions.withSystemRequest().execute(() -> resources.stream().map(this::store).toList());
		if (reindexSkipped.contains(Boolean.TRUE)) {
			// HAPI refreshes its registry after a SearchParameter write only together with the reindex request.
			searchParamRegistry.forceRefresh();
		}
		LOG.info("Loaded {} conformance resources from ig/ and terminology/", resources.size());
	}

	/** Stores the resource; true when it is a SearchParameter stored without a reindex request. */
	@SuppressWarnings({"unchecked", "rawtypes"})
	private boolean store(IBaseResource resource) {
		SystemRequestDetails request = new SystemRequestDetails();
		boolean skipReindex = resource instanceof SearchParameter searchParameter && nothingStoredOfItsBase(searchParameter);
		if (skipReindex) {
			request.getUserData().put(JpaConstants.SKIP_REINDEX_ON_UPDATE, Boolean.TRUE);
		}
		IFhirResourceDao dao = daoRegistry.getResourceDao(fhirContext.getResourceType(resource));
		dao.update(resource, request);
		return skipReindex;
	}

	/** No resource of the types the parameter applies to is stored (a common parameter always counts as some). */
	private boolean nothingStoredOfItsBase(SearchParameter searchParameter) {
		return searchParameter.getBase().stream().map(CodeType::getCode).allMatch(type -> daoRegistry.isResourceTypeSupported(type)
				&& daoRegistry.getResourceDao(type).search(SearchParameterMap.newSynchronous().setCount(1), new SystemRequestDetails())
						.isEmpty());
	}

	private List<IBaseResource> readAll() {
		List<IBaseResource> resources = new ArrayList<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		try {
			for (String location : LOCATIONS) {
				for (Resource file : resolver.getResources(location)) {
					if (isConformanceFile(file)) {
						resources.add(parse(file));
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list conformance content", e);
		}
		return resources;
	}

	private static boolean isConformanceFile(Resource file) throws IOException {
		String path = file.getURL().toString();
		return !path.contains("/ig/demo/") && !path.endsWith(CapabilityStatementEnricher.DECLARATION);
	}

	private IBaseResource parse(Resource file) throws IOException {
		try (InputStream in = file.getInputStream()) {
			IBaseResource resource = fhirContext.newJsonParser().parseResource(in);
			if (resource.getIdElement().getIdPart() == null) {
				throw new IllegalStateException("Conformance file " + file.getFilename() + " has no id");
			}
			return resource;
		}
	}

	private static int typeRank(IBaseResource resource) {
		int rank = TYPE_ORDER.indexOf(resource.fhirType());
		return rank < 0 ? TYPE_ORDER.size() : rank;
	}
}
