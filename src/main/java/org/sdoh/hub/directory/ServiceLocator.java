package org.sdoh.hub.directory;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.sdoh.hub.directory.FindCriteria.TokenCriterion;
import org.sdoh.hub.directory.GeoDistance.BoundingBox;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the active services with a Location near a point, in one indexed SQL query over HAPI's own
 * search indexes: the Location {@code near} coordinates index (HFJ_SPIDX_COORDS) restricted to the
 * bounding box of the circle, the HealthcareService.location links (HFJ_RES_LINK) and, per
 * criterion, the token index (HFJ_SPIDX_TOKEN) through HAPI's own hash functions. HAPI's
 * {@code Location?near} cannot be combined with criteria on the service or ordered by distance,
 * hence this query. Only candidates inside the box are returned; exact distances are measured here.
 */
@Component
public class ServiceLocator {

	/** A service (by HAPI's resource pid) with its nearest matching Location and the distance to it. */
	public record Candidate(long servicePid, long locationPid, double distanceKm) {}

	/** A candidate with the FHIR ids of its service and Location. */
	public record Match(String serviceId, String locationId, double distanceKm) {}

	private static final String SERVICE = "HealthcareService";
	private static final List<String> ACCEPTING =
			Arrays.stream(CapacityStatus.values()).filter(CapacityStatus::acceptsReferrals).map(CapacityStatus::code).toList();

	private final NamedParameterJdbcTemplate jdbc;
	private final PartitionSettings partitionSettings;

	public ServiceLocator(DataSource dataSource, PartitionSettings partitionSettings) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		this.partitionSettings = partitionSettings;
	}

	/**
	 * Every matching service within the radius, nearest first (ties by pid). The query names no
	 * HFJ_RESOURCE row: ids are looked up for the page only ({@link #identify}), which also keeps
	 * the planner's join search small. The token criteria are EXISTS probes on the service's pid.
	 */
	public List<Candidate> find(FindCriteria criteria) {
		BoundingBox box = GeoDistance.box(criteria.latitude(), criteria.longitude(), criteria.radiusKm());
		MapSqlParameterSource parameters = new MapSqlParameterSource()
				.addValue("near", hashIdentity("Location", "near"))
				.addValue("minLat", box.minLat())
				.addValue("maxLat", box.maxLat())
				.addValue("minLon", box.minLon())
				.addValue("maxLon", box.maxLon());
		// The inner query finds the matching services' Location links; "offset 0 rows" keeps PostgreSQL
		// from flattening it into the outer one, so its criteria are merged along the link and token
		// indexes first and coordinates are probed only for the few links left. Flattened, the planner
		// underestimated the first criterion's matches and probed coordinates for each (4-7x the pages
		// at 50,000 services). SRC_PATH is a literal so DirectoryIndexes' (SRC_PATH, SRC_RESOURCE_ID,
		// TARGET_RESOURCE_ID) index applies.
		StringBuilder links = new StringBuilder("""
				select link.SRC_RESOURCE_ID service_pid, link.TARGET_RESOURCE_ID location_pid from HFJ_RES_LINK link
				where link.SRC_PATH = 'HealthcareService.location'
				""");
		List<TokenCriterion> tokens = new ArrayList<>(criteria.tokens());
		tokens.add(new TokenCriterion("active", List.of(new TokenParam("true"))));
		if (criteria.acceptingReferralsOnly()) {
			tokens.add(new TokenCriterion("capacity-status", ACCEPTING.stream().map(TokenParam::new).toList()));
		}
		for (int n = 0; n < tokens.size(); n++) {
			links.append(tokenCondition(n, tokens.get(n), parameters));
		}
		String sql = "select s.service_pid, c.RES_ID location_pid, c.SP_LATITUDE lat, c.SP_LONGITUDE lon from ("
				+ links + " offset 0 rows) s join HFJ_SPIDX_COORDS c on c.RES_ID = s.location_pid"
				+ " where c.HASH_IDENTITY = :near and c.SP_LATITUDE between :minLat and :maxLat"
				+ longitudeCondition(box, parameters);
		List<Candidate> candidates = jdbc.query(sql, parameters, (row, i) -> new Candidate(
				row.getLong("service_pid"),
				row.getLong("location_pid"),
				GeoDistance.km(criteria.latitude(), criteria.longitude(), row.getDouble("lat"), row.getDouble("lon"))));
		// A service with several Locations counts once, at its nearest one.
		return candidates.stream()
				.filter(c -> c.distanceKm() <= criteria.radiusKm())
				.collect(Collectors.toMap(Candidate::servicePid, c -> c, (a, b) -> a.distanceKm() <= b.distanceKm() ? a : b))
				.values().stream()
				.sorted(Comparator.comparingDouble(Candidate::distanceKm).thenComparingLong(Candidate::servicePid))
				.toList();
	}

	/** The FHIR ids of some candidates' services and Locations, in one query; order kept. */
	public List<Match> identify(List<Candidate> candidates) {
		if (candidates.isEmpty()) {
			return List.of();
		}
		Set<Long> pids = new HashSet<>();
		candidates.forEach(c -> {
			pids.add(c.servicePid());
			pids.add(c.locationPid());
		});
		Map<Long, String> ids = new HashMap<>();
		jdbc.query("select RES_ID, FHIR_ID from HFJ_RESOURCE where RES_ID in (:pids)", Map.of("pids", pids),
				row -> {
					ids.put(row.getLong("RES_ID"), row.getString("FHIR_ID"));
				});
		// every pid came from an index row, so it has a resource row; the filter only guards a concurrent purge
		return candidates.stream()
				.filter(c -> ids.containsKey(c.servicePid()) && ids.containsKey(c.locationPid()))
				.map(c -> new Match(ids.get(c.servicePid()), ids.get(c.locationPid()), c.distanceKm()))
				.toList();
	}

	/** Near the antimeridian the box spans two longitude ranges. */
	private static String longitudeCondition(BoundingBox box, MapSqlParameterSource parameters) {
		if (box.minLon() >= -180 && box.maxLon() <= 180) {
			return " and c.SP_LONGITUDE between :minLon and :maxLon";
		}
		parameters.addValue("minLon", Math.max(-180, box.minLon())).addValue("maxLon", Math.min(180, box.maxLon()));
		parameters.addValue("wrapMin", box.minLon() < -180 ? box.minLon() + 360 : -180);
		parameters.addValue("wrapMax", box.maxLon() > 180 ? box.maxLon() - 360 : 180);
		return " and (c.SP_LONGITUDE between :minLon and :maxLon or c.SP_LONGITUDE between :wrapMin and :wrapMax)";
	}

	/** The service has at least one of the values: {@code system|code} by system-and-value hash, a bare code by value hash. */
	private String tokenCondition(int n, TokenCriterion criterion, MapSqlParameterSource parameters) {
		String parameter = criterion.parameter();
		List<Long> bySystemAndValue = new ArrayList<>();
		List<Long> byValue = new ArrayList<>();
		for (TokenParam value : criterion.anyOf()) {
			if (value.getSystem() == null) {
				byValue.add(ResourceIndexedSearchParamToken.calculateHashValue(
						partitionSettings, RequestPartitionId.defaultPartition(), SERVICE, parameter, value.getValue()));
			} else {
				bySystemAndValue.add(ResourceIndexedSearchParamToken.calculateHashSystemAndValue(
						partitionSettings, RequestPartitionId.defaultPartition(), SERVICE, parameter, value.getSystem(), value.getValue()));
			}
		}
		List<String> alternatives = new ArrayList<>();
		if (!byValue.isEmpty()) {
			parameters.addValue("v" + n, byValue);
			alternatives.add("t.HASH_VALUE in (:v" + n + ")");
		}
		if (!bySystemAndValue.isEmpty()) {
			parameters.addValue("sv" + n, bySystemAndValue);
			alternatives.add("t.HASH_SYS_AND_VALUE in (:sv" + n + ")");
		}
		return " and exists (select 1 from HFJ_SPIDX_TOKEN t where t.RES_ID = link.SRC_RESOURCE_ID and ("
				+ String.join(" or ", alternatives) + "))";
	}

	private long hashIdentity(String resourceType, String parameter) {
		return BaseResourceIndexedSearchParam.calculateHashIdentity(
				partitionSettings, RequestPartitionId.defaultPartition(), resourceType, parameter);
	}
}
