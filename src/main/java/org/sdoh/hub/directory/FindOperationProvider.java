package org.sdoh.hub.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.sdoh.hub.app.SdohProperties;
import org.sdoh.hub.directory.FindCriteria.TokenCriterion;
import org.sdoh.hub.directory.GeoDistance.Point;
import org.sdoh.hub.directory.ServiceLocator.Candidate;
import org.sdoh.hub.directory.ServiceLocator.Candidates;
import org.springframework.stereotype.Component;

/**
 * {@code HealthcareService/$find}: services near a point (or a stored Location, or an address
 * resolved by {@link AddressResolver}) that match the
 * navigator's criteria, nearest first, paged by {@code _offset}. Each match carries its distance in
 * the standard {@code location-distance} extension on {@code entry.search}; the Location it was
 * measured to follows as an included entry. {@link ServiceLocator} finds, ranks and pages the
 * candidates in the database; only the page's services and Locations are read, together, by pid
 * ({@link StoredResources}), or, when {@code open-at} is asked, as many services as needed to fill it.
 */
@Component
public class FindOperationProvider {

	public static final String DISTANCE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/location-distance";

	private final ServiceLocator locator;
	private final StoredResources resources;
	private final AddressResolver addresses;
	private final DaoRegistry daoRegistry;
	private final SdohProperties.Directory settings;
	private final SdohProperties.Api api;

	public FindOperationProvider(ServiceLocator locator, StoredResources resources, AddressResolver addresses, DaoRegistry daoRegistry,
			SdohProperties properties) {
		this.locator = locator;
		this.resources = resources;
		this.addresses = addresses;
		this.daoRegistry = daoRegistry;
		this.settings = properties.directory();
		this.api = properties.api();
	}

	@Operation(name = "$find", type = HealthcareService.class, idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
	public Bundle find(
			@OperationParam(name = "latitude", max = 1) StringType latitude,
			@OperationParam(name = "longitude", max = 1) StringType longitude,
			@OperationParam(name = "near-location", max = 1) StringType nearLocation,
			@OperationParam(name = "address", max = 1) StringType addressLine,
			@OperationParam(name = "address-city", max = 1) StringType addressCity,
			@OperationParam(name = "address-state", max = 1) StringType addressState,
			@OperationParam(name = "address-postalcode", max = 1) StringType addressPostalCode,
			@OperationParam(name = "address-country", max = 1) StringType addressCountry,
			@OperationParam(name = "distance", max = 1) StringType distanceKm,
			@OperationParam(name = "category") List<StringType> category,
			@OperationParam(name = "type") List<StringType> type,
			@OperationParam(name = "program") List<StringType> program,
			@OperationParam(name = "language") List<StringType> language,
			@OperationParam(name = "eligibility") List<StringType> eligibility,
			@OperationParam(name = "characteristic") List<StringType> characteristic,
			@OperationParam(name = "open-at", max = 1) StringType openAt,
			@OperationParam(name = "accepting-referrals", max = 1) StringType acceptingReferrals,
			@OperationParam(name = "_count", max = 1) StringType count,
			@OperationParam(name = "_offset", max = 1) StringType offset,
			RequestDetails request) {
		AddressQuery address = new AddressQuery(text(addressLine), text(addressCity), text(addressState), text(addressPostalCode),
				text(addressCountry));
		Point centre = centre(latitude, longitude, nearLocation, address);
		List<TokenCriterion> tokens = new ArrayList<>();
		tokens.addAll(tokenCriteria("category", "service-category", category));
		tokens.addAll(tokenCriteria("type", "service-type", type));
		tokens.addAll(tokenCriteria("program", "program", program));
		tokens.addAll(tokenCriteria("language", "communication", language));
		tokens.addAll(tokenCriteria("eligibility", "eligibility", eligibility));
		tokens.addAll(tokenCriteria("characteristic", "characteristic", characteristic));
		FindCriteria criteria = new FindCriteria(
				centre.latitude(), centre.longitude(), radius(distanceKm), tokens, moment(openAt),
				OperationValues.bool("accepting-referrals", acceptingReferrals));
		int pageSize = Math.min(OperationValues.integer("_count", count, api.defaultPageSize(), 1), api.maxPageSize());
		int skip = OperationValues.integer("_offset", offset, 0, 0);

		Page page = criteria.openAt().isEmpty()
				? nearestPage(criteria, skip, pageSize)
				: openAtPage(criteria, criteria.openAt().get(), skip, pageSize);
		return new FindResultBundle(request, skip, pageSize).build(page);
	}

	/** One page of matches with their services and Locations, whether more follow, and the total when it is known. */
	record Page(List<Loaded> matches, List<Location> locations, boolean hasNext, Optional<Integer> total) {}

	record Loaded(HealthcareService service, long locationPid, double distanceKm) {}

	/** The page the database cut, its services and Locations read together. */
	private Page nearestPage(FindCriteria criteria, int skip, int pageSize) {
		Candidates found = locator.find(criteria, skip, pageSize);
		Map<Long, IBaseResource> read = resources.read(
				found.page().stream().flatMap(c -> Stream.of(c.servicePid(), c.locationPid())).toList());
		List<Loaded> matches = loaded(found.page(), read);
		return new Page(matches, locations(matches, read), skip + pageSize < found.total(), Optional.of(found.total()));
	}

	/**
	 * Opening hours are not indexed, so all candidates are found and their services read in
	 * page-sized batches, nearest first, until the page is full and one more is known.
	 */
	private Page openAtPage(FindCriteria criteria, ZonedDateTime moment, int skip, int pageSize) {
		List<Candidate> candidates = locator.find(criteria, 0, Integer.MAX_VALUE).page();
		List<Loaded> open = new ArrayList<>();
		for (int from = 0; from < candidates.size() && open.size() <= skip + pageSize; from += pageSize) {
			List<Candidate> batch = candidates.subList(from, Math.min(from + pageSize, candidates.size()));
			loaded(batch, resources.read(batch.stream().map(Candidate::servicePid).toList()))
					.stream().filter(l -> OpeningHours.isOpenAt(l.service(), moment)).forEach(open::add);
		}
		List<Loaded> page = open.subList(Math.min(skip, open.size()), Math.min(skip + pageSize, open.size()));
		Map<Long, IBaseResource> read = resources.read(page.stream().map(Loaded::locationPid).toList());
		return new Page(page, locations(page, read), open.size() > skip + pageSize, Optional.empty());
	}

	/** The candidates with their services; a service deleted since the candidate query is simply left out. */
	private static List<Loaded> loaded(List<Candidate> candidates, Map<Long, IBaseResource> read) {
		return candidates.stream().filter(c -> read.containsKey(c.servicePid()))
				.map(c -> new Loaded((HealthcareService) read.get(c.servicePid()), c.locationPid(), c.distanceKm()))
				.toList();
	}

	/** The Locations the matches were measured to, each once, in the matches' order. */
	private static List<Location> locations(List<Loaded> matches, Map<Long, IBaseResource> read) {
		return matches.stream().map(Loaded::locationPid).distinct().filter(read::containsKey)
				.map(pid -> (Location) read.get(pid)).toList();
	}

	/** Exactly one of: latitude + longitude, near-location, an address. */
	private Point centre(StringType latitude, StringType longitude, StringType nearLocation, AddressQuery address) {
		boolean point = latitude != null || longitude != null;
		boolean stored = nearLocation != null && nearLocation.hasValue();
		if ((point ? 1 : 0) + (stored ? 1 : 0) + (address.isEmpty() ? 0 : 1) > 1) {
			throw new InvalidRequestException("$find takes one centre: latitude/longitude, near-location or an address (address, "
					+ "address-city, address-state, address-postalcode, address-country), not several");
		}
		if (stored) {
			return positionOf(new Reference(nearLocation.getValue()));
		}
		if (!address.isEmpty()) {
			return addresses.resolve(address);
		}
		if (latitude == null || longitude == null) {
			throw new InvalidRequestException("$find needs latitude and longitude (decimal degrees), near-location=Location/{id} "
					+ "or an address (e.g. address-postalcode)");
		}
		double lat = OperationValues.decimal("latitude", latitude);
		double lon = OperationValues.decimal("longitude", longitude);
		if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
			throw new InvalidRequestException("latitude must be within -90..90 and longitude within -180..180, got " + lat + ", " + lon);
		}
		return new Point(lat, lon);
	}

	private Point positionOf(Reference nearLocation) {
		if (!"Location".equals(nearLocation.getReferenceElement().getResourceType())) {
			throw new InvalidRequestException("near-location must reference a Location, got " + nearLocation.getReference());
		}
		Location location;
		try {
			location = (Location) daoRegistry.getResourceDao("Location")
					.read(nearLocation.getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails());
		} catch (ResourceNotFoundException e) {
			throw new InvalidRequestException("near-location " + nearLocation.getReference() + " does not exist");
		}
		if (!location.hasPosition() || location.getPosition().getLatitude() == null || location.getPosition().getLongitude() == null) {
			throw new InvalidRequestException("near-location " + nearLocation.getReference() + " has no position (latitude/longitude)");
		}
		return new Point(location.getPosition().getLatitude().doubleValue(), location.getPosition().getLongitude().doubleValue());
	}

	private static String text(StringType value) {
		return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue().trim();
	}

	private double radius(StringType distanceKm) {
		if (distanceKm == null) {
			return settings.defaultRadiusKm();
		}
		double km = OperationValues.decimal("distance", distanceKm);
		if (!(km > 0) || km > settings.maxRadiusKm()) {
			throw new InvalidRequestException("distance (km) must be greater than 0 and at most " + settings.maxRadiusKm() + ", got " + km);
		}
		return km;
	}

	/**
	 * The $find parameter {@code name} filters on the HealthcareService search parameter
	 * {@code searchParameter}. Each occurrence is one criterion (AND); comma-separated values within
	 * it are alternatives (OR).
	 */
	private static List<TokenCriterion> tokenCriteria(String name, String searchParameter, List<StringType> occurrences) {
		if (occurrences == null) {
			return List.of();
		}
		return occurrences.stream()
				.map(occurrence -> new TokenCriterion(searchParameter,
						Arrays.stream(occurrence.getValueNotNull().split(",")).map(value -> token(name, value)).toList()))
				.toList();
	}

	private static TokenParam token(String name, String value) {
		int bar = value.indexOf('|');
		String system = bar < 0 ? null : value.substring(0, bar);
		String code = bar < 0 ? value : value.substring(bar + 1);
		if (code.isBlank()) {
			throw new InvalidRequestException(name + " needs a code (code or system|code), got '" + value + "'");
		}
		return new TokenParam(system == null || system.isEmpty() ? null : system, code);
	}

	/** Opening hours are local times; the asked moment's own UTC offset says which ones. */
	private static Optional<ZonedDateTime> moment(StringType openAt) {
		if (openAt == null || openAt.getValue() == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(OffsetDateTime.parse(openAt.getValue()).toZonedDateTime());
		} catch (DateTimeParseException e) {
			throw new InvalidRequestException(
					"open-at must be a date and time with a UTC offset, e.g. 2026-11-23T10:00:00-05:00, got '" + openAt.getValue() + "'");
		}
	}
}
