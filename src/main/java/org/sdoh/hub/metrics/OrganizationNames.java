package org.sdoh.hub.metrics;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;

/**
 * The current names of the organizations a report's strata are about, for people reading charts:
 * one search ({@code Organization?_id=a,b,c}) per report, never one read per stratum. Names are
 * directory data, so they are read as the system; a missing or unnamed organization has no entry
 * (the report then shows only its reference).
 */
@Component
public class OrganizationNames {

	private final DaoRegistry daoRegistry;

	public OrganizationNames(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** Reference ({@code Organization/x}) → name, for those of {@code references} that are local Organizations with a name. */
	public Map<String, String> of(Collection<String> references) {
		Set<String> ids = references.stream()
				.map(IdType::new)
				.filter(id -> "Organization".equals(id.getResourceType()) && id.hasIdPart() && !id.isAbsolute())
				.map(IdType::getIdPart)
				.collect(Collectors.toSet());
		if (ids.isEmpty()) {
			return Map.of();
		}
		TokenOrListParam anyOf = new TokenOrListParam();
		ids.forEach(id -> anyOf.addOr(new TokenParam(id)));
		SearchParameterMap search = new SearchParameterMap().add("_id", anyOf);
		search.setLoadSynchronousUpTo(ids.size());
		return daoRegistry.getResourceDao(Organization.class).searchForResources(search, new SystemRequestDetails()).stream()
				.map(Organization.class::cast)
				.filter(Organization::hasName)
				.collect(Collectors.toMap(o -> "Organization/" + o.getIdElement().getIdPart(), Organization::getName, (a, b) -> a));
	}
}
