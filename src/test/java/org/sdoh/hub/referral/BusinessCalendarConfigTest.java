package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** sdoh.metrics.holidays as Spring binds it (the server's conversion service) into the one calendar. */
class BusinessCalendarConfigTest {

	private static BusinessCalendar calendar(Map<String, String> values) {
		SdohProperties properties = new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("sdoh", SdohProperties.class);
		return new BusinessCalendarConfig().businessCalendar(properties);
	}

	@Test
	void byDefaultTheUsFederalHolidaysInTheEscalationTimeZone() {
		assertThat(calendar(Map.of())).isEqualTo(new BusinessCalendar(ZoneId.of("America/New_York"), true, Set.of()));
	}

	@Test
	void listedDatesAndTheFederalSwitchAreBound() {
		BusinessCalendar calendar = calendar(Map.of(
				"sdoh.metrics.holidays.us-federal", "false",
				"sdoh.metrics.holidays.dates[0]", "2026-12-24",
				"sdoh.metrics.holidays.dates[1]", "2026-12-31",
				"sdoh.referral.escalation.time-zone", "America/Chicago"));

		assertThat(calendar).isEqualTo(new BusinessCalendar(ZoneId.of("America/Chicago"), false,
				Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-31"))));
		assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-24"))).isFalse();
		assertThat(calendar.isBusinessDay(LocalDate.parse("2026-12-25"))).isTrue(); // Christmas: federal holidays off
	}
}
