package org.sdoh.hub.metrics;

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
	ACCEPT_HOURS_MEDIAN(percentile(0.5, "accept_hours")),
	ACCEPT_HOURS_P90(percentile(0.9, "accept_hours")),
	ACCEPT_DAYS_MEDIAN(percentile(0.5, "accept_business_days")),
	ACCEPT_DAYS_P90(percentile(0.9, "accept_business_days")),
	COMPLETE_TIMED("COUNT(complete_hours)"),
	COMPLETE_HOURS_MEDIAN(percentile(0.5, "complete_hours")),
	COMPLETE_HOURS_P90(percentile(0.9, "complete_hours")),
	COMPLETE_DAYS_MEDIAN(percentile(0.5, "complete_business_days")),
	COMPLETE_DAYS_P90(percentile(0.9, "complete_business_days"));

	private final String sql;

	Aggregate(String sql) {
		this.sql = sql;
	}

	public String sql() {
		return sql;
	}

	private static String percentile(double fraction, String column) {
		return "PERCENTILE_CONT(" + fraction + ") WITHIN GROUP (ORDER BY " + column + ")";
	}
}
