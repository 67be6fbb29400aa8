package org.sdoh.hub.metrics;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sdoh.hub.metrics.StrataQuery.Dialect;
import org.sdoh.hub.referral.BusinessCalendar;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projection table {@value #TABLE}: one row per referral Task, kept in step with the Task's
 * versions by {@link ReferralProjection} inside the writing transaction (the JDBC template joins the
 * JPA transaction: same DataSource). A measure is one grouping query over it ({@link StrataQuery});
 * nothing is loaded per Task. Plain SQL that PostgreSQL and H2 both run, created at start-up if missing.
 */
@Component
public class ReferralFactStore {

	static final String TABLE = "sdoh_referral_fact";
	/** One row: the {@link BusinessCalendar#definition} the stored business days were computed with. */
	static final String CALENDAR_TABLE = TABLE + "_calendar";
	private static final int RECOMPUTE_PAGE = 1000;
	/** work_mem for the measures' statements: per sort, and only this connection's (see {@link #tuned}). */
	private static final String SORT_MEMORY = "32MB";
	private static final String COLUMNS = "task_id, owner_org, requester_org, domain, status, requested_at, requested_month,"
			+ " requested_week, accepted_at, closed_at, status_reason, closed_loop, overdue, accept_hours,"
			+ " accept_business_days, accept_band, complete_hours, complete_business_days";

	private static final String INSERT =
			"INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (" + "?, ".repeat(COLUMNS.split(",").length - 1) + "?)";

	private final JdbcTemplate jdbc;
	private volatile Dialect dialect;

	public ReferralFactStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void createTableIfMissing() {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
				+ "task_id VARCHAR(100) PRIMARY KEY, owner_org VARCHAR(250) NOT NULL, requester_org VARCHAR(250) NOT NULL,"
				+ " domain VARCHAR(100) NOT NULL, status VARCHAR(20) NOT NULL, requested_at TIMESTAMP WITH TIME ZONE,"
				+ " requested_month VARCHAR(7), requested_week VARCHAR(8), accepted_at TIMESTAMP WITH TIME ZONE,"
				+ " closed_at TIMESTAMP WITH TIME ZONE, status_reason VARCHAR(250), closed_loop BOOLEAN NOT NULL,"
				+ " overdue BOOLEAN NOT NULL, accept_hours DOUBLE PRECISION, accept_business_days DOUBLE PRECISION,"
				+ " accept_band VARCHAR(10), complete_hours DOUBLE PRECISION, complete_business_days DOUBLE PRECISION)");
		// Network reports over a period scan by time; an organization's report (a few percent of the
		// rows) combines these two with BitmapOr instead of scanning the year.
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_requested ON " + TABLE + " (requested_at)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_owner ON " + TABLE + " (owner_org, requested_at)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_requester ON " + TABLE + " (requester_org, requested_at)");
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + CALENDAR_TABLE + " (definition VARCHAR(4000) NOT NULL)");
	}

	/**
	 * Business days are stored, computed at write time with the calendar of that time; when the
	 * deployment's calendar is another one (holidays configured, rules updated), every row's
	 * business-day durations and band are computed again from its stored milestones, a page of rows
	 * at a time, and the calendar is recorded. Returns the rows recomputed (0 when nothing changed).
	 */
	public int adoptCalendar(BusinessCalendar calendar) {
		if (jdbc.queryForList("SELECT definition FROM " + CALENDAR_TABLE, String.class).equals(List.of(calendar.definition()))) {
			return 0;
		}
		int recomputed = 0;
		List<ReferralFact> page;
		String after = "";
		do {
			page = jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE task_id > ? ORDER BY task_id LIMIT " + RECOMPUTE_PAGE,
					(rs, n) -> fact(rs, calendar), after);
			jdbc.batchUpdate("UPDATE " + TABLE + " SET accept_business_days = ?, accept_band = ?, complete_business_days = ? WHERE task_id = ?",
					page.stream().map(f -> new Object[] {f.acceptBusinessDays(), f.acceptBand(), f.completeBusinessDays(), f.taskId()}).toList());
			recomputed += page.size();
			after = page.isEmpty() ? after : page.get(page.size() - 1).taskId();
		} while (page.size() == RECOMPUTE_PAGE);
		jdbc.update("DELETE FROM " + CALENDAR_TABLE);
		jdbc.update("INSERT INTO " + CALENDAR_TABLE + " (definition) VALUES (?)", calendar.definition());
		return recomputed;
	}

	public boolean isEmpty() {
		return !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + TABLE + ")", Boolean.class));
	}

	public Optional<ReferralFact> find(String taskId, BusinessCalendar calendar) {
		return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE task_id = ?", (rs, n) -> fact(rs, calendar), taskId)
				.stream().findFirst();
	}

	/** Writes the row (update, or insert when the Task is new to the projection). */
	public void save(ReferralFact fact) {
		Object[] values = values(fact);
		Object[] updateArgs = new Object[values.length];
		System.arraycopy(values, 1, updateArgs, 0, values.length - 1);
		updateArgs[values.length - 1] = fact.taskId();
		String assignments = List.of(COLUMNS.split(",\\s*")).subList(1, values.length).stream()
				.map(c -> c + " = ?").collect(Collectors.joining(", "));
		if (jdbc.update("UPDATE " + TABLE + " SET " + assignments + " WHERE task_id = ?", updateArgs) == 0) {
			jdbc.update(INSERT, values);
		}
	}

	/** Inserts rows of referrals new to the projection in one JDBC batch (bulk loads: the benchmark's history). */
	public void insertAll(List<ReferralFact> facts) {
		jdbc.batchUpdate(INSERT, facts.stream().map(ReferralFactStore::values).toList());
	}

	/**
	 * A measure's aggregates over the referrals sent in [{@code from}, {@code to}), optionally only
	 * those an organization sent or received, for the whole group and per stratum of each stratifier,
	 * in one statement ({@link StrataQuery}); entered-in-error referrals never count.
	 */
	public Statistics statistics(Set<Aggregate> aggregates, List<Stratifier> stratifiers, Instant from, Instant to,
			Optional<String> organization) {
		Statement statement = statement(aggregates, stratifiers, from, to, organization);
		StrataQuery query = statement.query();
		Map<Integer, Optional<Stratifier>> byId = new HashMap<>();
		query.groupings().forEach(g -> byId.put(query.groupingId(g), g));
		// per grouping, its strata in the statement's order; a stratum's counts and percentiles may come as two rows
		Map<Optional<Stratifier>, Map<List<String>, Map<Aggregate, Double>>> rows = new HashMap<>();
		tuned(connection -> {
			try (PreparedStatement select = connection.prepareStatement(statement.sql())) {
				new ArgumentPreparedStatementSetter(statement.arguments()).setValues(select);
				try (ResultSet rs = select.executeQuery()) {
					while (rs.next()) {
						Optional<Stratifier> grouping = byId.get(rs.getInt("grouping_id"));
						rows.computeIfAbsent(grouping, g -> new LinkedHashMap<>())
								.computeIfAbsent(key(rs, grouping), k -> new EnumMap<>(Aggregate.class))
								.putAll(values(rs, query));
					}
				}
			}
			return null;
		});
		return new Statistics(strata(rows, Optional.empty()).get(0), stratifiers.stream()
				.collect(Collectors.toMap(s -> s, s -> strata(rows, Optional.of(s)))));
	}

	private static List<StratumRow> strata(Map<Optional<Stratifier>, Map<List<String>, Map<Aggregate, Double>>> rows,
			Optional<Stratifier> grouping) {
		return rows.getOrDefault(grouping, Map.of()).entrySet().stream().map(e -> new StratumRow(e.getKey(), e.getValue())).toList();
	}

	/** The statement {@link #statistics} runs (package-private: the benchmark also EXPLAINs it). */
	Statement statement(Set<Aggregate> aggregates, List<Stratifier> stratifiers, Instant from, Instant to,
			Optional<String> organization) {
		StrataQuery query = new StrataQuery(List.copyOf(aggregates), stratifiers);
		StringBuilder where = new StringBuilder("requested_at >= ? AND requested_at < ? AND status <> 'entered-in-error'");
		List<Object> values = new ArrayList<>(List.of(timestamp(from), timestamp(to)));
		organization.ifPresent(org -> {
			where.append(" AND (owner_org = ? OR requester_org = ?)");
			values.add(org);
			values.add(org);
		});
		Dialect dialect = dialect();
		return new Statement(query, query.sql(dialect, TABLE, where.toString()), query.arguments(dialect, values));
	}

	record Statement(StrataQuery query, String sql, Object[] arguments) {}

	/** PostgreSQL's plan of {@code statement} as it ran, with the settings {@link #statistics} runs it with (for the benchmark). */
	List<String> explain(Statement statement) {
		return tuned(connection -> {
			List<String> plan = new ArrayList<>();
			try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
				new ArgumentPreparedStatementSetter(statement.arguments()).setValues(explain);
				try (ResultSet rs = explain.executeQuery()) {
					while (rs.next()) {
						plan.add(rs.getString(1));
					}
				}
			}
			return plan;
		});
	}

	/**
	 * Runs {@code work} with PostgreSQL's JIT compiler off and more sort memory, both reset afterwards
	 * (pooled connection). The percentile statement's cost estimate passes the JIT thresholds at
	 * ~100,000 referrals, and compiling it (inlining, optimisation) took 0.4 s more than it saved
	 * (1.1 s instead of 0.7 s). Its sorts need ~12 MB per 65,000 referrals with a duration: with the
	 * default 4 MB they spilled to disk (external merge), about a tenth of the statement's CPU time.
	 */
	private <T> T tuned(ConnectionCallback<T> work) {
		boolean postgresql = dialect() == Dialect.GROUPING_SETS;
		return jdbc.execute((ConnectionCallback<T>) connection -> {
			if (!postgresql) {
				return work.doInConnection(connection);
			}
			try (java.sql.Statement set = connection.createStatement()) {
				set.execute("SET jit = off");
				set.execute("SET work_mem = '" + SORT_MEMORY + "'");
			}
			try {
				return work.doInConnection(connection);
			} finally {
				try (java.sql.Statement reset = connection.createStatement()) {
					reset.execute("RESET jit");
					reset.execute("RESET work_mem");
				}
			}
		});
	}

	/** PostgreSQL groups in one pass with GROUPING SETS; H2 (quick start) does not know them. */
	private Dialect dialect() {
		if (dialect == null) {
			String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
			dialect = "PostgreSQL".equalsIgnoreCase(product) ? Dialect.GROUPING_SETS : Dialect.UNION_ALL;
		}
		return dialect;
	}

	private static List<String> key(ResultSet rs, Optional<Stratifier> grouping) throws SQLException {
		List<String> key = new ArrayList<>();
		for (String column : grouping.map(Stratifier::columns).orElse(List.of())) {
			key.add(rs.getString(column));
		}
		return key;
	}

	/** The row's non-NULL aggregates. */
	private static Map<Aggregate, Double> values(ResultSet rs, StrataQuery query) throws SQLException {
		Map<Aggregate, Double> values = new EnumMap<>(Aggregate.class);
		int first = query.columns().size() + 2; // after grouping_id and the stratifier columns
		for (int i = 0; i < query.aggregates().size(); i++) {
			double value = rs.getDouble(first + i);
			if (!rs.wasNull()) {
				values.put(query.aggregates().get(i), value);
			}
		}
		return values;
	}

	private static Object[] values(ReferralFact f) {
		return new Object[] {
			f.taskId(), f.parties().owner(), f.parties().requester(), f.parties().domain(), f.status(), timestamp(f.requestedAt()),
			f.requestedMonth(), f.requestedWeek(), timestamp(f.acceptedAt()), timestamp(f.closedAt()), f.reason(), f.closedLoop(),
			f.overdue(), f.acceptHours(), f.acceptBusinessDays(), f.acceptBand(), f.completeHours(), f.completeBusinessDays()
		};
	}

	private static ReferralFact fact(ResultSet rs, BusinessCalendar calendar) throws SQLException {
		return new ReferralFact(rs.getString("task_id"),
				new ReferralParties(rs.getString("owner_org"), rs.getString("requester_org"), rs.getString("domain")),
				rs.getString("status"), instant(rs, "requested_at"), instant(rs, "accepted_at"),
				instant(rs, "closed_at"), rs.getString("status_reason"), rs.getBoolean("closed_loop"),
				rs.getBoolean("overdue"), calendar);
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

	/** A measure's numbers: the whole group's, and each stratifier's strata (sorted by key). */
	public record Statistics(StratumRow total, Map<Stratifier, List<StratumRow>> strata) {}

	/** The aggregates of one stratum; {@code key} is empty for the whole group. Missing values are SQL NULLs. */
	public record StratumRow(List<String> key, Map<Aggregate, Double> values) {

		public long count(Aggregate aggregate) {
			return Math.round(values.getOrDefault(aggregate, 0.0));
		}

		public Optional<Double> value(Aggregate aggregate) {
			return Optional.ofNullable(values.get(aggregate));
		}
	}
}
