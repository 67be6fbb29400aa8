package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.referral.BusinessCalendar;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored business days follow a change of the business calendar at the next start (H2, the store's plain SQL). */
class CalendarChangeTest {

	private static final BusinessCalendar WEEKDAYS = BusinessCalendar.weekdays(MetricsHistory.ZONE);

	@Test
	void businessDaysAreComputedAgainWhenTheCalendarChangesAndOnlyThen() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:calendar-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		JdbcTemplate jdbc = new JdbcTemplate(h2);
		ReferralFactStore store = new ReferralFactStore(jdbc);
		store.createTableIfMissing();
		assertThat(store.adoptCalendar(WEEKDAYS)).isZero(); // empty table: only the calendar is recorded
		MetricsHistory.referrals().stream()
				.map(f -> new ReferralFact(f.taskId(), f.parties(), f.status(), f.requestedAt(), f.acceptedAt(), f.closedAt(), f.reason(),
						f.closedLoop(), f.overdue(), WEEKDAYS))
				.forEach(store::save);
		assertThat(store.adoptCalendar(WEEKDAYS)).isZero();

		// r02 was accepted Wednesday 2020-01-08 09:00 and completed Monday 2020-01-13 09:00: 3 business days,
		// 2 when Friday 2020-01-10 is a holiday; r03 (Friday 17:00 to Monday 09:00) falls from 16 h to 9 h
		BusinessCalendar closedOnFriday = new BusinessCalendar(MetricsHistory.ZONE, false, Set.of(LocalDate.parse("2020-01-10")));
		assertThat(store.adoptCalendar(closedOnFriday)).isEqualTo(12);

		assertThat(stored(jdbc, "complete_business_days", "metrics-r02")).isEqualTo(2.0);
		assertThat(stored(jdbc, "accept_business_days", "metrics-r03")).isEqualTo(9 / 24.0);
		assertThat(stored(jdbc, "accept_business_days", "metrics-r02")).isEqualTo(1.0); // Tuesday to Wednesday: unchanged
		assertThat(store.adoptCalendar(closedOnFriday)).isZero();
	}

	/** The stored column, not the value the fact would compute. */
	private static Double stored(JdbcTemplate jdbc, String column, String taskId) {
		return jdbc.queryForObject("SELECT " + column + " FROM " + ReferralFactStore.TABLE + " WHERE task_id = ?", Double.class, taskId);
	}
}
