package org.sdoh.hub.referral;

import java.time.ZoneId;
import java.util.Set;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deployment's one {@link BusinessCalendar}, from the escalation time zone and the configured holidays. */
@Configuration
public class BusinessCalendarConfig {

	@Bean
	public BusinessCalendar businessCalendar(SdohProperties properties) {
		SdohProperties.Holidays holidays = properties.metrics().holidays();
		return new BusinessCalendar(ZoneId.of(properties.referral().escalation().timeZone()), holidays.usFederal(),
				Set.copyOf(holidays.dates()));
	}
}
