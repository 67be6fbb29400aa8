package org.sdoh.hub.referral;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.app.SdohProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Flags referrals nobody answered ({@link EscalationRule}) by setting Task.businessStatus to
 * {@value #SYSTEM}#{@value #OVERDUE}, so the referrer's worklist and notifications show them. Runs
 * every {@code sdoh.referral.escalation.check-interval}; reads only candidate Tasks, a page at a
 * time (the IG-independent search parameter {@code Task?restriction-period} from ig/ finds
 * requester deadlines); a Task already flagged is not read or written again.
 */
@Component
public class ReferralEscalation {

	public static final String SYSTEM = "http://sdoh-referral-hub.org/fhir/CodeSystem/referral-business-status";
	public static final String OVERDUE = "overdue";
	private static final Logger LOG = LoggerFactory.getLogger(ReferralEscalation.class);
	private static final int PAGE = 500;

	private final DaoRegistry daoRegistry;
	private final SdohProperties.Escalation settings;
	private final BusinessCalendar calendar;

	public ReferralEscalation(DaoRegistry daoRegistry, SdohProperties properties, BusinessCalendar calendar) {
		this.daoRegistry = daoRegistry;
		this.settings = properties.referral().escalation();
		this.calendar = calendar;
	}

	@Scheduled(fixedDelayString = "${sdoh.referral.escalation.check-interval:PT5M}", initialDelayString = "PT1M")
	public void run() {
		int flagged = escalateOverdueReferrals(Instant.now());
		if (flagged > 0) {
			LOG.info("Flagged {} unanswered referral(s) as overdue", flagged);
		}
	}

	/**
	 * Flags every overdue referral Task as of {@code now}; returns how many were newly flagged. Only
	 * candidates are read: requested referrals not yet flagged whose restriction deadline has passed,
	 * or that were authored at least as many calendar days ago as the business-day period (a lower
	 * bound); {@link EscalationRule} decides exactly.
	 */
	public int escalateOverdueReferrals(Instant now) {
		Instant authoredBefore = now.minus(settings.businessDays(), ChronoUnit.DAYS);
		int flagged = flag(candidates("authored-on", authoredBefore), now);
		return flagged + flag(candidates("restriction-period", now), now);
	}

	private int flag(SearchParameterMap candidates, Instant now) {
		IFhirResourceDao<Task> tasks = daoRegistry.getResourceDao(Task.class);
		int flagged = 0;
		// Flagged Tasks drop out of the candidates; the offset skips only those that stay (not yet overdue).
		int offset = 0;
		List<Task> page;
		do {
			candidates.setOffset(offset);
			page = tasks.searchForResources(candidates, new SystemRequestDetails()).stream().map(Task.class::cast).toList();
			for (Task task : page) {
				if (!isFlagged(task) && EscalationRule.isOverdue(task, now, settings.businessDays(), calendar)) {
					task.getBusinessStatus().addCoding().setSystem(SYSTEM).setCode(OVERDUE)
							.setDisplay("Overdue: no answer within the escalation period");
					tasks.update(task, new SystemRequestDetails());
					flagged++;
				} else {
					offset++;
				}
			}
		} while (page.size() == PAGE);
		return flagged;
	}

	private static SearchParameterMap candidates(String dateParameter, Instant before) {
		SearchParameterMap map = SearchParameterMap.newSynchronous()
				.add(Task.SP_STATUS, new TokenParam("requested"))
				.add(Task.SP_CODE, new TokenParam(ReferralTaskRules.TASK_CODE_SYSTEM, ReferralTaskRules.FULFILL))
				.add("business-status", new TokenParam(SYSTEM, OVERDUE).setModifier(TokenParamModifier.NOT))
				.add(dateParameter, new DateParam(ParamPrefixEnum.LESSTHAN, Date.from(before)));
		map.setCount(PAGE);
		map.setSort(new SortSpec("_id"));
		return map;
	}

	private static boolean isFlagged(Task task) {
		return task.getBusinessStatus().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem()) && OVERDUE.equals(c.getCode()));
	}
}
