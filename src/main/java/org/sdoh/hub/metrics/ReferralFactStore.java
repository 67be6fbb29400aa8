package org.sdoh.hub.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projection table {@value #TABLE}: one row per referral Task, kept in step with the Task's
 * versions by {@link ReferralProjection} inside the writing transaction (the JDBC template joins the
 * JPA transaction: same DataSource). Measures are GROUP BY queries over it; nothing is loaded per
 * Task. Plain SQL that PostgreSQL and H2 both run, created at start-up if missing.
 */
@Component
public class ReferralFactStore {

	static final String TABLE = "sdoh_referral_fact";
	private static final String COLUMNS = "task_id, owner_org, requester_org, domain, status, requested_at, requested_month,"
			+ " requested_week, accepted_at, closed_at, status_reason, closed_loop, overdue, accept_hours,"
			+ " accept_business_days, accept_band, complete_hours, complete_business_days";

	private final JdbcTemplate jdbc;

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
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_requested ON " + TABLE + " (requested_at)");
	}

	public boolean isEmpty() {
		return !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + TABLE + ")", Boolean.class));
	}

	public Optional<ReferralFact> find(String taskId, ZoneId zone) {
		return jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE task_id = ?", (rs, n) -> fact(rs, zone), taskId)
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
			jdbc.update("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (" + "?, ".repeat(values.length - 1) + "?)", values);
		}
	}

	/**
	 * One row per stratum (one row in all without a stratifier) of referrals sent in
	 * [{@code from}, {@code to}), optionally only those an organization sent or received;
	 * entered-in-error referrals never count.
	 */
	public List<StratumRow> statistics(Set<Aggregate> aggregates, Stratifier stratifier, Instant from, Instant to,
			Optional<String> organization) {
		List<Aggregate> selected = List.copyOf(aggregates);
		List<String> keys = stratifier == null ? List.of() : stratifier.columns();
		StringBuilder sql = new StringBuilder("SELECT ");
		keys.forEach(k -> sql.append(k).append(", "));
		sql.append(selected.stream().map(Aggregate::sql).collect(Collectors.joining(", ")))
				.append(" FROM ").append(TABLE)
				.append(" WHERE requested_at >= ? AND requested_at < ? AND status <> 'entered-in-error'");
		List<Object> args = new ArrayList<>(List.of(timestamp(from), timestamp(to)));
		organization.ifPresent(org -> {
			sql.append(" AND (owner_org = ? OR requester_org = ?)");
			args.add(org);
			args.add(org);
		});
		if (!keys.isEmpty()) {
			String columns = String.join(", ", keys);
			sql.append(" GROUP BY ").append(columns).append(" ORDER BY ").append(columns);
		}
		return jdbc.query(sql.toString(), (rs, n) -> row(rs, keys.size(), selected), args.toArray());
	}

	private static StratumRow row(ResultSet rs, int keyCount, List<Aggregate> selected) throws SQLException {
		List<String> key = new ArrayList<>();
		for (int i = 1; i <= keyCount; i++) {
			key.add(rs.getString(i));
		}
		Map<Aggregate, Double> values = new EnumMap<>(Aggregate.class);
		for (int i = 0; i < selected.size(); i++) {
			double value = rs.getDouble(keyCount + i + 1);
			if (!rs.wasNull()) {
				values.put(selected.get(i), value);
			}
		}
		return new StratumRow(key, values);
	}

	private static Object[] values(ReferralFact f) {
		return new Object[] {
			f.taskId(), f.parties().owner(), f.parties().requester(), f.parties().domain(), f.status(), timestamp(f.requestedAt()),
			f.requestedMonth(), f.requestedWeek(), timestamp(f.acceptedAt()), timestamp(f.closedAt()), f.reason(), f.closedLoop(),
			f.overdue(), f.acceptHours(), f.acceptBusinessDays(), f.acceptBand(), f.completeHours(), f.completeBusinessDays()
		};
	}

	private static ReferralFact fact(ResultSet rs, ZoneId zone) throws SQLException {
		return new ReferralFact(rs.getString("task_id"),
				new ReferralParties(rs.getString("owner_org"), rs.getString("requester_org"), rs.getString("domain")),
				rs.getString("status"), instant(rs, "requested_at"), instant(rs, "accepted_at"),
				instant(rs, "closed_at"), rs.getString("status_reason"), rs.getBoolean("closed_loop"),
				rs.getBoolean("overdue"), zone);
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
		return time == null ? null : time.toInstant();
	}

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
