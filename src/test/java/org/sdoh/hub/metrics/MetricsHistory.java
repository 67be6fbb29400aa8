package org.sdoh.hub.metrics;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Organization;
import org.sdoh.hub.referral.BusinessCalendar;

/**
 * The seeded referral history the metrics tests compute by hand: ten referrals sent in January
 * and February 2020 (America/New_York; 2020-01-06 is a Monday), one entered in error and one sent
 * half an hour before 2020 began in New York (already 2020 in UTC). Written straight into the
 * projection with the intended times, as the demo history is.
 *
 * <pre>
 * id   owner requester domain   sent (NY)         accepted          closed            status       extra
 * r01  A     c1        food     Mon 01-06 09:00   01-06 13:00  4 h  01-08 13:00 48 h  completed    output
 * r02  A     c1        food     Tue 01-07 09:00   01-08 09:00 24 h  01-13 09:00 120 h completed    output
 * r03  A     c1        housing  Fri 01-10 17:00   01-13 09:00 64 h (16 weekday h)     in-progress
 * r04  A     c2        food     Mon 01-13 09:00                     01-13 10:00       rejected     at-capacity
 * r05  A     c2        housing  Wed 01-15 09:00                     01-16 09:00       cancelled    declined-by-client
 * r06  A     c1        food     Mon 01-20 09:00                                       requested    overdue
 * r07  A     c1        food     Mon 02-03 09:00   02-06 09:00 72 h  02-07 09:00 24 h  completed    output
 * r08  B     c2        housing  Tue 02-04 09:00   02-04 21:00 12 h                    accepted
 * r09  B     c2        food     Wed 02-05 09:00                     02-05 12:00       rejected     at-capacity
 * r10  B     c1        housing  Thu 02-06 09:00                                       requested    overdue
 * r11  B     c1        food     Thu 02-06 10:00                                       entered-in-error
 * r12  A     c1        food     2019-12-31 23:30                                      requested
 * </pre>
 */
final class MetricsHistory {

	static final ZoneId ZONE = ZoneId.of("America/New_York");
	/** The server's default calendar: US federal holidays (2020-01-20 is Martin Luther King Jr. Day; no span here crosses it). */
	static final BusinessCalendar CALENDAR = new BusinessCalendar(ZONE, true, Set.of());
	static final String CBO_A = "Organization/m-cbo-a";
	static final String CBO_A_NAME = "Alpha Food Bank";
	static final String CBO_B = "Organization/m-cbo-b";
	static final String CLINIC_1 = "Organization/m-clinic-1";
	static final String CLINIC_2 = "Organization/m-clinic-2";
	private static final String FOOD = "food-insecurity";
	private static final String HOUSING = "housing-instability";

	private MetricsHistory() {}

	static List<ReferralFact> referrals() {
		return List.of(
				fact("r01", CBO_A, CLINIC_1, FOOD, "completed", "2020-01-06T09:00", "2020-01-06T13:00", "2020-01-08T13:00", null, true, false),
				fact("r02", CBO_A, CLINIC_1, FOOD, "completed", "2020-01-07T09:00", "2020-01-08T09:00", "2020-01-13T09:00", null, true, false),
				fact("r03", CBO_A, CLINIC_1, HOUSING, "in-progress", "2020-01-10T17:00", "2020-01-13T09:00", null, null, false, false),
				fact("r04", CBO_A, CLINIC_2, FOOD, "rejected", "2020-01-13T09:00", null, "2020-01-13T10:00", "at-capacity", false, false),
				fact("r05", CBO_A, CLINIC_2, HOUSING, "cancelled", "2020-01-15T09:00", null, "2020-01-16T09:00", "declined-by-client", false, false),
				fact("r06", CBO_A, CLINIC_1, FOOD, "requested", "2020-01-20T09:00", null, null, null, false, true),
				fact("r07", CBO_A, CLINIC_1, FOOD, "completed", "2020-02-03T09:00", "2020-02-06T09:00", "2020-02-07T09:00", null, true, false),
				fact("r08", CBO_B, CLINIC_2, HOUSING, "accepted", "2020-02-04T09:00", "2020-02-04T21:00", null, null, false, false),
				fact("r09", CBO_B, CLINIC_2, FOOD, "rejected", "2020-02-05T09:00", null, "2020-02-05T12:00", "at-capacity", false, false),
				fact("r10", CBO_B, CLINIC_1, HOUSING, "requested", "2020-02-06T09:00", null, null, null, false, true),
				fact("r11", CBO_B, CLINIC_1, FOOD, "entered-in-error", "2020-02-06T10:00", null, null, null, false, false),
				fact("r12", CBO_A, CLINIC_1, FOOD, "requested", "2019-12-31T23:30", null, null, null, false, false));
	}

	static void seed(ReferralFactStore store) {
		referrals().forEach(store::save);
	}

	/** CBO A exists with a name (reports show it); the other organizations are only references. */
	static void nameCboA(IGenericClient client) {
		Organization cboA = new Organization().setName(CBO_A_NAME);
		cboA.setId(CBO_A);
		client.update().resource(cboA).execute();
	}

	private static ReferralFact fact(String id, String owner, String requester, String domain, String status, String sent,
			String accepted, String closed, String reason, boolean closedLoop, boolean overdue) {
		return new ReferralFact("metrics-" + id, new ReferralParties(owner, requester, domain), status, ny(sent), ny(accepted),
				ny(closed), reason, closedLoop, overdue, CALENDAR);
	}

	private static Instant ny(String localTime) {
		return localTime == null ? null : LocalDateTime.parse(localTime).atZone(ZONE).toInstant();
	}
}
