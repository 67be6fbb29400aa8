package org.sdoh.hub.directory.hsds;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.PreferHeader;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/$hsds-import} (an HSDS data package, JSON or a zip of CSV files, as a base64
 * attachment) and {@code GET [base]/$hsds-export} (every HealthcareService, or those of the given
 * organizations, with the Organizations and Locations they reference, as an HSDS data package).
 * Large imports run in the background ({@code Prefer: respond-async}, {@link HsdsImportJobs}) and are
 * polled at {@code $hsds-import-status}.
 */
@Component
public class HsdsOperationProvider {

	static final String STATUS_OPERATION = "$hsds-import-status";
	private static final int PAGE = 1000;

	private final HsdsImporter importer;
	private final HsdsImportJobs jobs;
	private final DaoRegistry daoRegistry;

	public HsdsOperationProvider(HsdsImporter importer, HsdsImportJobs jobs, DaoRegistry daoRegistry) {
		this.importer = importer;
		this.jobs = jobs;
		this.daoRegistry = daoRegistry;
	}

	/**
	 * Imports now and answers with the summary, or, with {@code Prefer: respond-async}, answers 202 at
	 * once with the status URL in {@code Content-Location} (the FHIR asynchronous request pattern).
	 * Manual response: HAPI would otherwise always answer 200.
	 */
	@Operation(name = "$hsds-import", manualResponse = true)
	public void importDataPackage(
			@OperationParam(name = "datapackage", min = 1, max = 1) Attachment datapackage, RequestDetails request) throws IOException {
		HsdsDataPackage data = read(datapackage);
		PreferHeader prefer = RestfulServerUtils.parsePreferHeader(request.getHeader(Constants.HEADER_PREFER));
		if (!prefer.getRespondAsync()) {
			respond(request, Constants.STATUS_HTTP_200_OK, ImportResults.summary(importer.importPackage(data)));
			return;
		}
		HsdsImportJobs.Status job = jobs.submit(data);
		request.getResponse().addHeader(Constants.HEADER_CONTENT_LOCATION,
				request.getFhirServerBase() + "/" + STATUS_OPERATION + "?job=" + job.id());
		OperationOutcome accepted = new OperationOutcome();
		accepted.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
				.setDiagnostics("HSDS import " + job.id() + " accepted (" + data.rowCount() + " records); poll the Content-Location URL");
		respond(request, Constants.STATUS_HTTP_202_ACCEPTED, accepted);
	}

	/**
	 * Where a background import stands: 202 with {@code X-Progress} and the counts while it is queued
	 * or running, 200 with the same summary a synchronous import gives once it is done, 500 if it
	 * failed, 404 for a job this server does not know (never submitted, forgotten, or before a restart).
	 */
	@Operation(name = STATUS_OPERATION, idempotent = true, manualResponse = true)
	public void importStatus(@OperationParam(name = "job", min = 1, max = 1) StringType job, RequestDetails request) throws IOException {
		HsdsImportJobs.Status status = jobs.status(job == null ? "" : job.getValue())
				.orElseThrow(() -> new ResourceNotFoundException("No HSDS import job " + (job == null ? "" : job.getValue())
						+ " on this server (jobs are kept in memory, the last " + HsdsImportJobs.KEPT + ")"));
		switch (status.state()) {
			case COMPLETED -> respond(request, Constants.STATUS_HTTP_200_OK, ImportResults.summary(status.summary()));
			case FAILED -> throw new InternalErrorException("HSDS import " + status.id() + " failed after " + status.done() + " of "
					+ status.total() + " records: " + status.error());
			default -> {
				request.getResponse().addHeader("X-Progress", ImportResults.progressHeader(status));
				respond(request, Constants.STATUS_HTTP_202_ACCEPTED, ImportResults.progress(status));
			}
		}
	}

	private static void respond(RequestDetails request, int status, IBaseResource body) throws IOException {
		RestfulServerUtils.streamResponseAsResource(request.getServer(), body, Set.of(), status, false, request.isRespondGzip(), request);
	}

	/**
	 * The JSON form (application/json, rows inline) or the CSV form (application/zip: datapackage.json
	 * and one CSV per table).
	 */
	static HsdsDataPackage read(Attachment datapackage) {
		if (datapackage == null || !datapackage.hasData()) {
			throw new InvalidRequestException("datapackage needs the HSDS data package as attachment data (base64)");
		}
		String contentType = datapackage.hasContentType() ? datapackage.getContentType() : "application/json";
		if (contentType.startsWith("application/json")) {
			return HsdsDataPackage.parse(datapackage.getData());
		}
		if (contentType.startsWith(HsdsCsvPackage.MEDIA_TYPE)) {
			return HsdsCsvPackage.read(datapackage.getData());
		}
		throw new InvalidRequestException("datapackage must be application/json (HSDS JSON data package) or application/zip "
				+ "(datapackage.json with CSV files), got " + contentType);
	}

	/**
	 * {@code organization} (repeatable) limits the export to the services those organizations provide;
	 * {@code format} is {@code json} (default) or {@code csv} (a zip).
	 */
	@Operation(name = "$hsds-export", idempotent = true)
	public Binary exportDataPackage(
			@OperationParam(name = "organization") List<StringType> organizations,
			@OperationParam(name = "format", max = 1) StringType format) {
		boolean csv = format != null && "csv".equals(format.getValue());
		if (format != null && !csv && !"json".equals(format.getValue())) {
			throw new InvalidRequestException("format must be json or csv, got '" + format.getValue() + "'");
		}
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
		HsdsDataPackage exported = FhirToHsds.export(providers, locations, services);
		Binary binary = new Binary();
		binary.setContentType(csv ? HsdsCsvPackage.MEDIA_TYPE : "application/json");
		binary.setData(csv ? HsdsCsvPackage.write(exported) : exported.toJson());
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
