package org.sdoh.hub.metrics;

import java.util.Optional;

/**
 * The numbers a measure is made of, each one SQL aggregate over the projection rows of a stratum.
 * Percentiles are PERCENTILE_CONT (linear interpolation between the two nearest ranks, as
 * PostgreSQL and H2 both compute it); rows without the duration are ignored by it.
 */
public enum Aggregate {
	REFERRALS("COUNT(*)"),
	ACCEPTED("COUNT(accepted_at)"),
	REJECTED("SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END)"),
	CANCELLED("SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END)"),
	CLOSED_LOOP("SUM(CASE WHEN closed_loop THEN 1 ELSE 0 END)"),
	OVERDUE("SUM(CASE WHEN overdue THEN 1 ELSE 0 END)"),
	ACCEPT_TIMED("COUNT(accept_hours)"),
	ACCEPT_HOURS_MEDIAN(0.5, "accept_hours"),
	ACCEPT_HOURS_P90(0.9, "accept_hours"),
	ACCEPT_DAYS_MEDIAN(0.5, "accept_business_days"),
	ACCEPT_DAYS_P90(0.9, "accept_business_days"),
	COMPLETE_TIMED("COUNT(complete_hours)"),
	COMPLETE_HOURS_MEDIAN(0.5, "complete_hours"),
	COMPLETE_HOURS_P90(0.9, "complete_hours"),
	COMPLETE_DAYS_MEDIAN(0.5, "complete_business_days"),
	COMPLETE_DAYS_P90(0.9, "complete_business_days");

	private final String sql;
	private final String sortedColumn;

	Aggregate(String sql) {
		this.sql = sql;
		this.sortedColumn = null;
	}

	Aggregate(double fraction, String column) {
		this.sql = "PERCENTILE_CONT(" + fraction + ") WITHIN GROUP (ORDER BY " + column + ")";
		this.sortedColumn = column;
	}

	public String sql() {
		return sql;
	}

	/**
	 * The column a percentile sorts (empty for counts): only rows with a value there take part, and
	 * grouping for it needs sorted input, where counts are hashed.
	 */
	public Optional<String> sortedColumn() {
		return Optional.ofNullable(sortedColumn);
	}
}
