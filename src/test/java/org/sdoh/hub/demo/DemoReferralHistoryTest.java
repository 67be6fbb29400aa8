package org.sdoh.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.referral.BusinessCalendar;

class DemoReferralHistoryTest {

	private static final Instant START = Instant.parse("2026-11-22T15:00:00Z");
	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	private static final BusinessCalendar CALENDAR = new BusinessCalendar(NEW_YORK, true, Set.of());

	@Test
	void theHistoryIsTheSameOnEveryFirstStart() {
		assertThat(DemoReferralHistory.generate(300, START, CALENDAR)).isEqualTo(DemoReferralHistory.generate(300, START, CALENDAR));
	}

	@Test
	void referralsAreSpreadOverSixMonthsOfBusinessDaysAndEndInEveryWay() {
		var history = DemoReferralHistory.generate(300, START, CALENDAR);

		assertThat(history).hasSize(300);
		assertThat(history).allSatisfy(r -> {
			assertThat(r.sent()).isBetween(START.minus(Duration.ofDays(186)), START);
			assertThat(CALENDAR.isBusinessDay(r.sent().atZone(NEW_YORK).toLocalDate())).isTrue();
			assertThat(r.accepted() == null || r.accepted().isAfter(r.sent())).isTrue();
			assertThat(r.closed() == null || !r.closed().isAfter(START)).isTrue();
		});
		Map<String, Long> byStatus = history.stream().collect(Collectors.groupingBy(r -> r.status().toCode(), Collectors.counting()));
		assertThat(byStatus.keySet()).containsExactlyInAnyOrder("requested", "rejected", "cancelled", "in-progress", "completed");
		Map<String, Long> byCbo = history.stream().collect(Collectors.groupingBy(r -> r.service().cbo(), Collectors.counting()));
		assertThat(byCbo).hasSize(3);
		assertThat(history.stream().map(r -> r.sent().atZone(NEW_YORK).getMonth()).distinct()).hasSizeGreaterThanOrEqualTo(6);
		assertThat(history.stream().filter(r -> r.reason() != null).map(r -> r.reason()).distinct().toList())
				.containsExactlyInAnyOrder("at-capacity", "not-eligible", "out-of-service-area", "unable-to-contact", "declined-by-client", "duplicate");
	}
}
