package org.sdoh.hub.directory;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

	/** A service with its nearest matching Location. */
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

	/** Every matching service within the radius, nearest first. */
	public List<Match> find(FindCriteria criteria) {
		BoundingBox box = GeoDistance.box(criteria.latitude(), criteria.longitude(), criteria.radiusKm());
		MapSqlParameterSource parameters = new MapSqlParameterSource()
				.addValue("near", hashIdentity("Location", "near"))
				.addValue("minLat", box.minLat())
				.addValue("maxLat", box.maxLat())
				.addValue("minLon", box.minLon())
				.addValue("maxLon", box.maxLon());
		StringBuilder sql = new StringBuilder("""
				select s.FHIR_ID service_id, l.FHIR_ID location_id, c.SP_LATITUDE lat, c.SP_LONGITUDE lon
				from HFJ_SPIDX_COORDS c
				join HFJ_RES_LINK link on link.TARGET_RESOURCE_ID = c.RES_ID and link.SRC_PATH = 'HealthcareService.location'
				join HFJ_RESOURCE s on s.RES_ID = link.SRC_RESOURCE_ID
				join HFJ_RESOURCE l on l.RES_ID = c.RES_ID
				where c.HASH_IDENTITY = :near and c.SP_LATITUDE between :minLat and :maxLat
				""");
		sql.append(longitudeCondition(box, parameters));
		List<TokenCriterion> tokens = new ArrayList<>(criteria.tokens());
		tokens.add(new TokenCriterion("active", List.of(new TokenParam("true"))));
		if (criteria.acceptingReferralsOnly()) {
			tokens.add(new TokenCriterion("capacity-status", ACCEPTING.stream().map(TokenParam::new).toList()));
		}
		for (int n = 0; n < tokens.size(); n++) {
			sql.append(tokenCondition(n, tokens.get(n), parameters));
		}
		List<Match> matches = jdbc.query(sql.toString(), parameters, (row, i) -> new Match(
				row.getString("service_id"),
				row.getString("location_id"),
				GeoDistance.km(criteria.latitude(), criteria.longitude(), row.getDouble("lat"), row.getDouble("lon"))));
		// A service with several Locations counts once, at its nearest one.
		return matches.stream()
				.filter(m -> m.distanceKm() <= criteria.radiusKm())
				.collect(Collectors.toMap(Match::serviceId, m -> m, (a, b) -> a.distanceKm() <= b.distanceKm() ? a : b))
				.values().stream()
				.sorted(Comparator.comparingDouble(Match::distanceKm).thenComparing(Match::serviceId))
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
		return " and exists (select 1 from HFJ_SPIDX_TOKEN t where t.RES_ID = s.RES_ID and ("
				+ String.join(" or ", alternatives) + "))";
	}

	private long hashIdentity(String resourceType, String parameter) {
		return BaseResourceIndexedSearchParam.calculateHashIdentity(
				partitionSettings, RequestPartitionId.defaultPartition(), resourceType, parameter);
	}
}
