package org.sdoh.hub.referral;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.time.ZoneId;
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
 * every {@code sdoh.referral.escalation.check-interval}; reads requested Tasks page by page, never
 * all at once; a Task already flagged is not written again.
 */
@Component
public class ReferralEscalation {

	public static final String SYSTEM = "http://sdoh-referral-hub.org/fhir/CodeSystem/referral-business-status";
	public static final String OVERDUE = "overdue";
	private static final Logger LOG = LoggerFactory.getLogger(ReferralEscalation.class);
	private static final int PAGE = 500;

	private final DaoRegistry daoRegistry;
	private final SdohProperties.Escalation settings;

	public ReferralEscalation(DaoRegistry daoRegistry, SdohProperties properties) {
		this.daoRegistry = daoRegistry;
		this.settings = properties.referral().escalation();
	}

	@Scheduled(fixedDelayString = "${sdoh.referral.escalation.check-interval:PT5M}", initialDelayString = "PT1M")
	public void run() {
		int flagged = escalateOverdueReferrals(Instant.now());
		if (flagged > 0) {
			LOG.info("Flagged {} unanswered referral(s) as overdue", flagged);
		}
	}

	/** Flags every overdue referral Task as of {@code now}; returns how many were newly flagged. */
	public int escalateOverdueReferrals(Instant now) {
		IFhirResourceDao<Task> tasks = daoRegistry.getResourceDao(Task.class);
		ZoneId zone = ZoneId.of(settings.timeZone());
		int flagged = 0;
		for (int offset = 0; ; offset += PAGE) {
			List<Task> page = requestedReferrals(tasks, offset);
			for (Task task : page) {
				if (!isFlagged(task) && EscalationRule.isOverdue(task, now, settings.businessDays(), zone)) {
					task.getBusinessStatus().addCoding().setSystem(SYSTEM).setCode(OVERDUE).setDisplay("Overdue: no answer within the escalation period");
					tasks.update(task, new SystemRequestDetails());
					flagged++;
				}
			}
			if (page.size() < PAGE) {
				return flagged;
			}
		}
	}

	private static List<Task> requestedReferrals(IFhirResourceDao<Task> tasks, int offset) {
		SearchParameterMap map = SearchParameterMap.newSynchronous()
				.add(Task.SP_STATUS, new TokenParam("requested"))
				.add(Task.SP_CODE, new TokenParam(ReferralTaskRules.TASK_CODE_SYSTEM, ReferralTaskRules.FULFILL));
		map.setOffset(offset);
		map.setCount(PAGE);
		map.setSort(new ca.uhn.fhir.rest.api.SortSpec("_id"));
		return tasks.searchForResources(map, new SystemRequestDetails()).stream().map(Task.class::cast).toList();
	}

	private static boolean isFlagged(Task task) {
		return task.getBusinessStatus().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem()) && OVERDUE.equals(c.getCode()));
	}
}
