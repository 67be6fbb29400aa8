package org.sdoh.hub.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
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
 * registry on the write). The demo data ({@code ig/demo/}) and the CapabilityStatement
 * declaration are not conformance resources and are skipped.
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

	public ConformanceContentLoader(FhirContext fhirContext, DaoRegistry daoRegistry) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
	}

	public void load() {
		List<IBaseResource> resources = readAll();
		resources.sort(Comparator.comparingInt(ConformanceContentLoader::typeRank));
		for (IBaseResource resource : resources) {
			store(resource);
		}
		LOG.info("Loaded {} conformance resources from ig/ and terminology/", resources.size());
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private void store(IBaseResource resource) {
		IFhirResourceDao dao = daoRegistry.getResourceDao(fhirContext.getResourceType(resource));
		dao.update(resource, new SystemRequestDetails());
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
