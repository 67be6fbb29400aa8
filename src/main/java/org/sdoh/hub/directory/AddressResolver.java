package org.sdoh.hub.directory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.sdoh.hub.directory.GeoDistance.Point;
import org.springframework.stereotype.Component;

/**
 * Turns the address a navigator asks about into the point $find measures from: first the
 * directory's own Locations at that address (the centroid of their positions; a postal code or a
 * city the directory serves is usually known), then, only if none matches and one is configured,
 * the external geocoder. An address neither knows is the client's 422.
 */
@Component
public class AddressResolver {

	/** Enough positions for a centroid; a postal code with more Locations is not better known by reading them all. */
	static final int MAX_LOCATIONS = 500;

	private final DaoRegistry daoRegistry;
	private final NominatimGeocoder geocoder;
	private final FhirContext fhirContext;

	public AddressResolver(DaoRegistry daoRegistry, NominatimGeocoder geocoder, FhirContext fhirContext) {
		this.daoRegistry = daoRegistry;
		this.geocoder = geocoder;
		this.fhirContext = fhirContext;
	}

	public Point resolve(AddressQuery address) {
		List<Point> known = directoryPositions(address);
		if (!known.isEmpty()) {
			return GeoDistance.centroid(known);
		}
		Optional<Point> geocoded = geocoder.enabled() ? geocoder.geocode(address) : Optional.empty();
		return geocoded.orElseThrow(() -> unresolvable(address));
	}

	/** Location search with the same parameters (HAPI's string matching: case- and accent-insensitive, starts with). */
	private List<Point> directoryPositions(AddressQuery address) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		add(map, Location.SP_ADDRESS, address.line());
		add(map, Location.SP_ADDRESS_CITY, address.city());
		add(map, Location.SP_ADDRESS_STATE, address.state());
		add(map, Location.SP_ADDRESS_POSTALCODE, address.postalCode());
		add(map, Location.SP_ADDRESS_COUNTRY, address.country());
		map.setCount(MAX_LOCATIONS);
		return daoRegistry.getResourceDao(Location.class).searchForResources(map, new SystemRequestDetails()).stream()
				.map(Location.class::cast)
				.filter(l -> l.hasPosition() && l.getPosition().hasLatitude() && l.getPosition().hasLongitude())
				.map(l -> new Point(l.getPosition().getLatitude().doubleValue(), l.getPosition().getLongitude().doubleValue()))
				.toList();
	}

	private static void add(SearchParameterMap map, String parameter, String value) {
		if (value != null) {
			map.add(parameter, new StringParam(value));
		}
	}

	private UnprocessableEntityException unresolvable(AddressQuery address) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.NOTFOUND)
				.setDiagnostics("The address (" + address.describe() + ") could not be resolved to coordinates: no directory Location "
						+ "with a position has that address" + (geocoder.enabled() ? " and the geocoder found none" : " and no geocoder is configured")
						+ ". Give latitude and longitude instead.");
		return new UnprocessableEntityException(fhirContext, outcome);
	}
}
