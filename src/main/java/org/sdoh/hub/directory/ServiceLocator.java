package org.sdoh.hub.directory;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import ca.uhn.fhir.rest.param.TokenParam;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.sdoh.hub.directory.FindCriteria.TokenCriterion;
import org.sdoh.hub.directory.GeoDistance.BoundingBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the active services with a Location near a point, nearest first, one page at a time, in one
 * indexed SQL query over HAPI's own search indexes: per criterion the token index (HFJ_SPIDX_TOKEN,
 * through HAPI's own hash functions), the HealthcareService.location links (HFJ_RES_LINK) and the
 * Location {@code near} coordinates index (HFJ_SPIDX_COORDS) restricted to the bounding box of the
 * circle. HAPI's {@code Location?near} cannot be combined with criteria on the service or ordered by
 * distance, hence this query. Distances, the radius, the nearest Location of each service, the order,
 * the page and the total are all worked out in the database: only the page's rows come back.
 */
@Component
public class ServiceLocator {

	/** A service (by HAPI's resource pid) with its nearest matching Location and the distance to it. */
	public record Candidate(long servicePid, long locationPid, double distanceKm) {}

	/** Some candidates, nearest first, and how many match in all. */
	public record Candidates(List<Candidate> page, int total) {}

	private static final String SERVICE = "HealthcareService";

	private final NamedParameterJdbcTemplate jdbc;
	private final PartitionSettings partitionSettings;
	// Criteria every question carries, hashed once: HAPI's hashes depend only on names and settings.
	private final long nearIdentity;
	private final TokenCriterion active;
	private final TokenCriterion accepting;

	public ServiceLocator(DataSource dataSource, PartitionSettings partitionSettings) {
		this.jdbc = new NamedParameterJdbcTemplate(plannedWithItsValues(dataSource));
		this.partitionSettings = partitionSettings;
		this.nearIdentity = BaseResourceIndexedSearchParam.calculateHashIdentity(
				partitionSettings, RequestPartitionId.defaultPartition(), "Location", "near");
		this.active = new TokenCriterion("active", List.of(new TokenParam("true")));
		this.accepting = new TokenCriterion("capacity-status", Arrays.stream(CapacityStatus.values())
				.filter(CapacityStatus::acceptsReferrals).map(status -> new TokenParam(status.code())).toList());
	}

	/**
	 * The matching services within the radius, nearest first (ties by pid), from {@code offset} on,
	 * at most {@code limit}, with the number of all matches. The query names no HFJ_RESOURCE row:
	 * the caller loads the page's resources by pid.
	 */
	public Candidates find(FindCriteria criteria, int offset, int limit) {
		BoundingBox box = GeoDistance.box(criteria.latitude(), criteria.longitude(), criteria.radiusKm());
		MapSqlParameterSource parameters = new MapSqlParameterSource()
				.addValue("near", nearIdentity)
				.addValue("centreLat", criteria.latitude())
				.addValue("centreLon", criteria.longitude())
				.addValue("radiusKm", criteria.radiusKm())
				.addValue("minLat", box.minLat())
				.addValue("maxLat", box.maxLat())
				.addValue("minLon", box.minLon())
				.addValue("maxLon", box.maxLon())
				.addValue("offset", offset)
				.addValue("limit", limit);
		List<TokenCriterion> tokens = new ArrayList<>(criteria.tokens());
		tokens.add(active);
		if (criteria.acceptingReferralsOnly()) {
			tokens.add(accepting);
		}
		// Innermost, the services matching every criterion: the first criterion's index entries with
		// the others as EXISTS probes (PostgreSQL merges the selective ones along their indexes); a
		// service with two matching entries comes twice and counts once below (nearness). Then
		// their Location links and coordinates, probed by index for these services only. Each
		// "offset 0 rows" is a PostgreSQL optimisation fence that keeps this order: flattened, the
		// planner started from every link or every coordinate in the box (several times the pages at
		// 50,000 services; see README, Benchmark). SRC_PATH is a literal so DirectoryIndexes' link
		// index applies.
		StringBuilder services = new StringBuilder("select t0.RES_ID service_pid from HFJ_SPIDX_TOKEN t0 where ")
				.append(tokenMatch("t0", 0, tokens.get(0), parameters));
		for (int n = 1; n < tokens.size(); n++) {
			services.append(" and exists (select 1 from HFJ_SPIDX_TOKEN t").append(n).append(" where t").append(n)
					.append(".RES_ID = t0.RES_ID and ").append(tokenMatch("t" + n, n, tokens.get(n), parameters)).append(')');
		}
		String links = "select link.SRC_RESOURCE_ID service_pid, link.TARGET_RESOURCE_ID location_pid from ("
				+ services + " offset 0 rows) s join HFJ_RES_LINK link"
				+ " on link.SRC_PATH = 'HealthcareService.location' and link.SRC_RESOURCE_ID = s.service_pid";
		String km = GeoDistance.kmSql("c.SP_LATITUDE", "c.SP_LONGITUDE");
		String measured = "select l.service_pid, l.location_pid, " + km + " km,"
				+ " row_number() over (partition by l.service_pid order by " + km + ", l.location_pid) nearness"
				+ " from (" + links + " offset 0 rows) l join HFJ_SPIDX_COORDS c on c.RES_ID = l.location_pid"
				+ " where c.HASH_IDENTITY = :near and c.SP_LATITUDE between :minLat and :maxLat"
				+ longitudeCondition(box, parameters);
		// A service with several Locations counts once, at its nearest one; the total is counted
		// before the page is cut.
		String sql = "select service_pid, location_pid, km, count(*) over () total from (" + measured + ") m"
				+ " where nearness = 1 and km <= :radiusKm"
				+ " order by km, service_pid offset :offset rows fetch next :limit rows only";
		List<Candidate> page = new ArrayList<>();
		int[] total = {0};
		jdbc.query(sql, parameters, row -> {
			page.add(new Candidate(row.getLong("service_pid"), row.getLong("location_pid"), row.getDouble("km")));
			total[0] = row.getInt("total");
		});
		// past the last page no row carries the total, so it is counted from the first
		return new Candidates(page, page.isEmpty() && offset > 0 ? find(criteria, 0, 1).total() : total[0]);
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

	/** The token row has one of the values: {@code system|code} by system-and-value hash, a bare code by value hash. */
	private String tokenMatch(String alias, int n, TokenCriterion criterion, MapSqlParameterSource parameters) {
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
			alternatives.add(alias + ".HASH_VALUE in (:v" + n + ")");
		}
		if (!bySystemAndValue.isEmpty()) {
			parameters.addValue("sv" + n, bySystemAndValue);
			alternatives.add(alias + ".HASH_SYS_AND_VALUE in (:sv" + n + ")");
		}
		return "(" + String.join(" or ", alternatives) + ")";
	}

	/**
	 * PgJDBC prepares a statement on the server once a connection has run it five times, and
	 * PostgreSQL then soon plans it once for any values. This query's plan depends on them: bound
	 * hashes cannot tell a language (8 % of the services) from {@code active=true} (all of them), and
	 * a bound box was guessed to hold one coordinate, so the generic plan started from the box and
	 * reran the service criteria for each of its 12,000 coordinates (60 million buffer reads at 50,000
	 * services instead of 7,000). Planning it anew each time costs a millisecond or two.
	 */
	private static JdbcTemplate plannedWithItsValues(DataSource dataSource) {
		return new JdbcTemplate(dataSource) {
			@Override
			protected void applyStatementSettings(Statement statement) throws SQLException {
				super.applyStatementSettings(statement);
				if (statement.isWrapperFor(PGStatement.class)) {
					statement.unwrap(PGStatement.class).setPrepareThreshold(0);
				}
			}
		};
	}
}
