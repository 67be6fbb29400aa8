package org.sdoh.hub.directory;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Distance;
import org.hl7.fhir.r4.model.Location;
import org.sdoh.hub.directory.FindOperationProvider.Loaded;
import org.sdoh.hub.directory.FindOperationProvider.Page;

/** The searchset Bundle of one $find page: matches with their distance, their Locations, self and next links. */
final class FindResultBundle {

	private final RequestDetails request;
	private final int offset;
	private final int pageSize;

	FindResultBundle(RequestDetails request, int offset, int pageSize) {
		this.request = request;
		this.offset = offset;
		this.pageSize = pageSize;
	}

	Bundle build(Page page) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		page.total().ifPresent(bundle::setTotal);
		bundle.addLink().setRelation("self").setUrl(pageUrl(offset));
		if (page.hasNext()) {
			bundle.addLink().setRelation("next").setUrl(pageUrl(offset + pageSize));
		}
		for (Loaded loaded : page.matches()) {
			Bundle.BundleEntryComponent entry = bundle.addEntry()
					.setFullUrl(request.getFhirServerBase() + "/HealthcareService/" + loaded.service().getIdElement().getIdPart())
					.setResource(loaded.service());
			entry.getSearch().setMode(SearchEntryMode.MATCH)
					.addExtension(FindOperationProvider.DISTANCE_EXTENSION, kilometres(loaded.distanceKm()));
		}
		for (Location location : page.locations()) {
			bundle.addEntry()
					.setFullUrl(request.getFhirServerBase() + "/Location/" + location.getIdElement().getIdPart())
					.setResource(location)
					.getSearch().setMode(SearchEntryMode.INCLUDE);
		}
		return bundle;
	}

	private static Distance kilometres(double km) {
		Distance distance = new Distance();
		distance.setValue(BigDecimal.valueOf(km).setScale(3, RoundingMode.HALF_UP));
		distance.setUnit("km").setSystem("http://unitsofmeasure.org").setCode("km");
		return distance;
	}

	/** The request's own URL with {@code _offset} set, so every link repeats the same question. */
	private String pageUrl(int pageOffset) {
		String query = request.getParameters().entrySet().stream()
				.filter(parameter -> !"_offset".equals(parameter.getKey()))
				.flatMap(parameter -> List.of(parameter.getValue()).stream()
						.map(value -> UrlUtil.escapeUrlParam(parameter.getKey()) + "=" + UrlUtil.escapeUrlParam(value)))
				.collect(Collectors.joining("&"));
		String separator = query.isEmpty() ? "" : "&";
		return request.getFhirServerBase() + "/HealthcareService/$find?" + query + separator + "_offset=" + pageOffset;
	}
}
