package org.sdoh.hub.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Applies {@link OrganizationScope} to the requests of organization-bound callers: searches get the
 * organization's criteria added (HAPI then counts and pages only what the caller may see — nothing
 * is filtered out after paging), requests naming one resource are refused with 403 unless that
 * resource is within the scope, and includes are limited to references out of what the caller may
 * see. Runs after authentication and before HAPI's {@link ScopeAuthorization} rules.
 */
@Interceptor
public class OrganizationScopeInterceptor {

	private static final Set<RestOperationTypeEnum> ONE_RESOURCE = EnumSet.of(
			RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD, RestOperationTypeEnum.HISTORY_INSTANCE,
			RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
			RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, RestOperationTypeEnum.META);

	private static final Set<RestOperationTypeEnum> NOT_FOR_ORGANIZATIONS = EnumSet.of(
			RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM,
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GRAPHQL_REQUEST);

	private final DaoRegistry daoRegistry;
	private final MatchUrlService matchUrlService;
	private final FhirContext fhirContext;

	public OrganizationScopeInterceptor(DaoRegistry daoRegistry, MatchUrlService matchUrlService) {
		this.daoRegistry = daoRegistry;
		this.matchUrlService = matchUrlService;
		this.fhirContext = daoRegistry.getFhirContext();
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void narrow(RequestDetails request) {
		Optional<Caller> current = Caller.current();
		if (current.isEmpty() || !current.get().isOrganizationBound() || request.getRestOperationType() == null) {
			return;
		}
		Caller caller = current.get();
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (NOT_FOR_ORGANIZATIONS.contains(operation)) {
			throw refused("Organization-scoped callers cannot use " + operation.getCode() + "; search a resource type instead");
		}
		String type = request.getResourceName();
		if (type == null || operation == RestOperationTypeEnum.CREATE || (caller.auditor() && type.equals("AuditEvent"))) {
			return; // the audit trail is the network's, read whole by auditors (ScopeAuthorization)
		}
		Map<String, String> criteria = OrganizationScope.criteria(type, caller.organization().get(), caller.ownerSide())
				.orElseThrow(() -> refused(type + " resources are not available to organization-scoped callers"));
		if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
			checkIncludes(request);
			addCriteria(request, criteria);
		} else if (ONE_RESOURCE.contains(operation) && !criteria.isEmpty() && request.getId() != null) {
			requireWithinScope(type, request.getId().getIdPart(), criteria);
		}
	}

	/**
	 * Reads inside a batch or transaction bypass the narrowing of searches, so organization-scoped
	 * callers send them as ordinary requests.
	 */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void noReadsInBundles(IBaseBundle bundle) {
		Optional<Caller> current = Caller.current();
		if (current.isEmpty() || !current.get().isOrganizationBound() || !(bundle instanceof Bundle entries)) {
			return;
		}
		boolean reads = entries.getEntry().stream().anyMatch(entry -> entry.getRequest().getMethod() == Bundle.HTTPVerb.GET
				|| entry.getRequest().getMethod() == Bundle.HTTPVerb.HEAD);
		if (reads) {
			throw refused("GET entries in a batch or transaction are not available to organization-scoped callers; send them as requests");
		}
	}

	private static void checkIncludes(RequestDetails request) {
		for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
			String name = parameter.getKey();
			boolean include = name.startsWith("_include");
			boolean revinclude = name.startsWith("_revinclude");
			if (!include && !revinclude) {
				continue;
			}
			if (name.contains(":")) {
				throw refused(name + " is not available to organization-scoped callers (no :iterate)");
			}
			for (String value : parameter.getValue()) {
				String[] parts = value.split(":");
				String path = parts.length < 2 ? value : parts[0] + ":" + parts[1];
				Set<String> allowed = include ? OrganizationScope.ALLOWED_INCLUDES : OrganizationScope.ALLOWED_REVINCLUDES;
				if (!allowed.contains(path)) {
					throw refused(name + "=" + value + " is not available to organization-scoped callers; allowed: "
							+ allowed.stream().sorted().collect(Collectors.joining(", ")));
				}
			}
		}
	}

	/** The caller's own criteria are ANDed with the organization's: HAPI applies both in the query. */
	static void addCriteria(RequestDetails request, Map<String, String> criteria) {
		Map<String, String[]> parameters = new HashMap<>(request.getParameters());
		criteria.forEach((name, value) -> {
			String[] existing = parameters.getOrDefault(name, new String[0]);
			String[] combined = Arrays.copyOf(existing, existing.length + 1);
			combined[existing.length] = value;
			parameters.put(name, combined);
		});
		request.setParameters(parameters);
	}

	private void requireWithinScope(String type, String id, Map<String, String> criteria) {
		String query = criteria.entrySet().stream()
				.map(c -> c.getKey() + "=" + c.getValue())
				.collect(Collectors.joining("&", type + "?_id=" + id + "&", ""));
		SearchParameterMap map = matchUrlService.translateMatchUrl(query, fhirContext.getResourceDefinition(type));
		map.setLoadSynchronousUpTo(1);
		if (daoRegistry.getResourceDao(type).searchForResourceIds(map, new SystemRequestDetails()).isEmpty()) {
			throw refused(type + "/" + id + " is not part of a referral of your organization");
		}
	}

	private static ForbiddenOperationException refused(String message) {
		return new ForbiddenOperationException(message);
	}
}
