package org.sdoh.hub.directory.hsds;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$hsds-import} (an HSDS JSON data package as a base64 attachment) and
 * {@code GET [base]/$hsds-export} (every HealthcareService, or those of the given organizations, with
 * the Organizations and Locations they reference, as an HSDS JSON data package).
 */
@Component
public class HsdsOperationProvider {

	private static final int PAGE = 1000;

	private final HsdsImporter importer;
	private final DaoRegistry daoRegistry;

	public HsdsOperationProvider(HsdsImporter importer, DaoRegistry daoRegistry) {
		this.importer = importer;
		this.daoRegistry = daoRegistry;
	}

	@Operation(name = "$hsds-import")
	public Parameters importDataPackage(@OperationParam(name = "datapackage", min = 1, max = 1) Attachment datapackage) {
		if (datapackage == null || !datapackage.hasData()) {
			throw new InvalidRequestException("datapackage needs the HSDS JSON data package as attachment data (base64)");
		}
		if (datapackage.hasContentType() && !datapackage.getContentType().startsWith("application/json")) {
			throw new InvalidRequestException("datapackage must be application/json (an HSDS JSON data package), got " + datapackage.getContentType());
		}
		HsdsImporter.Summary summary = importer.importPackage(HsdsDataPackage.parse(datapackage.getData()));
		Parameters result = new Parameters();
		result.addParameter("received", new IntegerType(summary.received()));
		result.addParameter("stored", new IntegerType(summary.stored()));
		result.addParameter("rejectedCount", new IntegerType(summary.rejected().size()));
		for (RejectedRecord rejected : summary.rejected()) {
			Parameters.ParametersParameterComponent part = result.addParameter().setName("rejected");
			part.addPart().setName("table").setValue(new StringType(rejected.table()));
			part.addPart().setName("id").setValue(new StringType(rejected.id()));
			part.addPart().setName("reason").setValue(new StringType(rejected.reason()));
		}
		return result;
	}

	/** {@code organization} (repeatable) limits the export to the services those organizations provide. */
	@Operation(name = "$hsds-export", idempotent = true)
	public Binary exportDataPackage(@OperationParam(name = "organization") List<StringType> organizations) {
		SearchParameterMap which = new SearchParameterMap();
		if (organizations != null && !organizations.isEmpty()) {
			ReferenceOrListParam providers = new ReferenceOrListParam();
			organizations.forEach(o -> providers.addOr(new ReferenceParam(o.getValue().contains("/") ? o.getValue() : "Organization/" + o.getValue())));
			which.add(HealthcareService.SP_ORGANIZATION, providers);
		}
		List<HealthcareService> services = all("HealthcareService", which).stream().map(HealthcareService.class::cast).toList();
		Set<String> organizationIds = new LinkedHashSet<>();
		Set<String> locationIds = new LinkedHashSet<>();
		for (HealthcareService service : services) {
			addId(organizationIds, service.getProvidedBy());
			service.getLocation().forEach(location -> addId(locationIds, location));
		}
		List<Location> locations = byIds("Location", locationIds).stream().map(Location.class::cast).toList();
		locations.forEach(location -> addId(organizationIds, location.getManagingOrganization()));
		List<Organization> providers = byIds("Organization", organizationIds).stream().map(Organization.class::cast).toList();
		Binary binary = new Binary();
		binary.setContentType("application/json");
		binary.setData(FhirToHsds.export(providers, locations, services).toJson());
		return binary;
	}

	private static void addId(Set<String> ids, Reference reference) {
		if (reference.hasReference() && !reference.getReferenceElement().isAbsolute()) {
			ids.add(reference.getReferenceElement().getIdPart());
		}
	}

	private List<IBaseResource> byIds(String type, Set<String> ids) {
		List<IBaseResource> resources = new ArrayList<>();
		List<String> all = List.copyOf(ids);
		for (int from = 0; from < all.size(); from += PAGE) {
			TokenOrListParam page = new TokenOrListParam();
			all.subList(from, Math.min(from + PAGE, all.size())).forEach(id -> page.addOr(new TokenParam(id)));
			SearchParameterMap map = new SearchParameterMap().add("_id", page);
			resources.addAll(all(type, map));
		}
		return resources;
	}

	/** Every match, a page at a time, in id order. */
	private List<IBaseResource> all(String type, SearchParameterMap map) {
		map.setLoadSynchronous(true);
		map.setCount(PAGE);
		map.setSort(new SortSpec("_id"));
		List<IBaseResource> resources = new ArrayList<>();
		List<IBaseResource> page;
		int offset = 0;
		do {
			map.setOffset(offset);
			page = daoRegistry.getResourceDao(type).searchForResources(map, new SystemRequestDetails());
			resources.addAll(page);
			offset += page.size();
		} while (page.size() == PAGE);
		return resources;
	}
}
