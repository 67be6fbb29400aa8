package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.metrics.ReferralFactStore.Statistics;
import org.sdoh.hub.metrics.ReferralFactStore.StratumRow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The grouping query's ids, and its UNION ALL form on H2 (the quick start's database) over the
 * hand-computed history; the GROUPING SETS form runs on PostgreSQL in {@link ReferralMetricsTest}
 * against the same expected values.
 */
class StrataQueryTest {

	private static final Instant FROM_2020 = Instant.parse("2020-01-01T05:00:00Z");
	private static final Instant TO_2021 = Instant.parse("2021-01-01T05:00:00Z");

	@Test
	void groupingIdsHaveABitPerColumnSetWhereTheGroupingDoesNotUseIt() {
		StrataQuery query = new StrataQuery(List.of(Aggregate.REFERRALS),
				List.of(Stratifier.OWNER, Stratifier.DOMAIN, Stratifier.MONTH, Stratifier.MONTH_DOMAIN));

		// the two-column stratifier's columns come first, in its own order
		assertThat(query.columns()).containsExactly("requested_month", "domain", "owner_org");
		assertThat(query.groupingId(Optional.empty())).isEqualTo(0b111);
		assertThat(query.groupingId(Optional.of(Stratifier.MONTH_DOMAIN))).isEqualTo(0b001);
		assertThat(query.groupingId(Optional.of(Stratifier.MONTH))).isEqualTo(0b011);
		assertThat(query.groupingId(Optional.of(Stratifier.DOMAIN))).isEqualTo(0b101);
		assertThat(query.groupingId(Optional.of(Stratifier.OWNER))).isEqualTo(0b110);
	}

	@Test
	void postgresqlGetsOneGroupingSetsStatementAndTheConditionOnce() {
		StrataQuery query = new StrataQuery(List.of(Aggregate.REFERRALS, Aggregate.ACCEPTED), List.of(Stratifier.OWNER, Stratifier.REASON));

		assertThat(query.sql(StrataQuery.Dialect.GROUPING_SETS, "t", "x = ?")).isEqualTo(
				"SELECT GROUPING(owner_org, status_reason) AS grouping_id, owner_org, status_reason, COUNT(*), COUNT(accepted_at)"
						+ " FROM t WHERE x = ? GROUP BY GROUPING SETS ((), (owner_org), (status_reason))"
						+ " ORDER BY grouping_id, owner_org, status_reason");
		assertThat(query.arguments(StrataQuery.Dialect.GROUPING_SETS, List.of(1))).containsExactly(1);
		assertThat(query.arguments(StrataQuery.Dialect.UNION_ALL, List.of(1))).containsExactly(1, 1, 1);
	}

	@Test
	void postgresqlHashesCountsApartFromPercentilesWhichSortOnlyRowsWithADuration() {
		StrataQuery query = new StrataQuery(List.of(Aggregate.REFERRALS, Aggregate.ACCEPT_HOURS_MEDIAN, Aggregate.COMPLETE_DAYS_P90),
				List.of(Stratifier.OWNER));

		assertThat(query.sql(StrataQuery.Dialect.GROUPING_SETS, "t", "x = ? OR y = ?")).isEqualTo(
				"SELECT GROUPING(owner_org) AS grouping_id, owner_org, COUNT(*), NULL, NULL"
						+ " FROM t WHERE x = ? OR y = ? GROUP BY GROUPING SETS ((), (owner_org))"
						+ " UNION ALL SELECT GROUPING(owner_org) AS grouping_id, owner_org, NULL,"
						+ " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY accept_hours),"
						+ " PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY complete_business_days)"
						+ " FROM t WHERE (x = ? OR y = ?) AND (accept_hours IS NOT NULL OR complete_business_days IS NOT NULL)"
						+ " GROUP BY GROUPING SETS ((), (owner_org))"
						+ " ORDER BY grouping_id, owner_org");
		assertThat(query.arguments(StrataQuery.Dialect.GROUPING_SETS, List.of(1, 2))).containsExactly(1, 2, 1, 2);
	}

	@Test
	void h2ComputesTheSameStrataAsUnionAll() {
		ReferralFactStore store = h2Store();
		MetricsHistory.seed(store);

		Statistics volume = store.statistics(ReferralMeasure.VOLUME.aggregates(), ReferralMeasure.VOLUME.stratifiers(), FROM_2020, TO_2021,
				Optional.empty());
		assertThat(volume.total().count(Aggregate.REFERRALS)).isEqualTo(10);
		assertThat(counts(volume.strata().get(Stratifier.OWNER))).isEqualTo(
				Map.of(List.of(MetricsHistory.CBO_A), 7L, List.of(MetricsHistory.CBO_B), 3L));
		assertThat(volume.strata().get(Stratifier.MONTH_DOMAIN)).extracting(StratumRow::key).containsExactly(
				List.of("2020-01", "food-insecurity"), List.of("2020-01", "housing-instability"),
				List.of("2020-02", "food-insecurity"), List.of("2020-02", "housing-instability"));

		Statistics times = store.statistics(ReferralMeasure.RESPONSE_TIMES.aggregates(), ReferralMeasure.RESPONSE_TIMES.stratifiers(),
				FROM_2020, TO_2021, Optional.of(MetricsHistory.CLINIC_1));
		assertThat(times.total().count(Aggregate.REFERRALS)).isEqualTo(6);
		assertThat(times.total().value(Aggregate.ACCEPT_HOURS_MEDIAN)).contains(44.0); // 4, 24, 64, 72 h
		assertThat(times.total().value(Aggregate.ACCEPT_HOURS_P90)).contains(69.6);
		// unaccepted referrals have no band: a NULL key of the band grouping, not mistaken for the whole group
		List<StratumRow> bands = times.strata().get(Stratifier.RESPONSE_BAND);
		assertThat(bands).filteredOn(r -> r.key().contains(null)).singleElement()
				.satisfies(r -> assertThat(r.count(Aggregate.REFERRALS)).isEqualTo(2));
		assertThat(bands).extracting(StratumRow::key).filteredOn(k -> k.stream().allMatch(Objects::nonNull))
				.containsExactly(List.of("0-1"), List.of("1-2"), List.of("2-5"));
	}

	private static Map<List<String>, Long> counts(List<StratumRow> rows) {
		return rows.stream().collect(Collectors.toMap(StratumRow::key, r -> r.count(Aggregate.REFERRALS)));
	}

	private static ReferralFactStore h2Store() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:strata-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		ReferralFactStore store = new ReferralFactStore(new JdbcTemplate(h2));
		store.createTableIfMissing();
		return store;
	}
}
