package org.sdoh.hub.metrics;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.referral.BusinessCalendar;
import org.sdoh.hub.referral.ReferralTaskRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Start-up step: creates the metrics projection table, recomputes its business days if the
 * business calendar changed ({@link ReferralFactStore#adoptCalendar}) and, when it is empty but referral Tasks
 * exist (a database from before the metrics feature), fills it once by replaying each Task's
 * stored versions (HAPI instance history, oldest first), a page of Tasks and one Task's history
 * at a time. Afterwards {@link ReferralProjection} keeps it current.
 */
@Component
public class ReferralHistoryBackfill {

	private static final Logger LOG = LoggerFactory.getLogger(ReferralHistoryBackfill.class);
	private static final int PAGE = 500;

	private final DaoRegistry daoRegistry;
	private final ReferralFactStore store;
	private final ReferralProjection projection;
	private final BusinessCalendar calendar;

	public ReferralHistoryBackfill(DaoRegistry daoRegistry, ReferralFactStore store, ReferralProjection projection,
			BusinessCalendar calendar) {
		this.daoRegistry = daoRegistry;
		this.store = store;
		this.projection = projection;
		this.calendar = calendar;
	}

	public void prepare() {
		store.createTableIfMissing();
		int recomputed = store.adoptCalendar(calendar);
		if (recomputed > 0) {
			LOG.info("Referral metrics: business days of {} referral(s) computed again for the calendar {}", recomputed,
					calendar.definition());
		}
		if (!store.isEmpty()) {
			return;
		}
		IFhirResourceDao<Task> tasks = daoRegistry.getResourceDao(Task.class);
		SearchParameterMap referrals = SearchParameterMap.newSynchronous()
				.add(Task.SP_CODE, new TokenParam(ReferralTaskRules.TASK_CODE_SYSTEM, ReferralTaskRules.FULFILL));
		referrals.setCount(PAGE);
		referrals.setSort(new SortSpec("_id"));
		int replayed = 0;
		List<Task> page;
		do {
			referrals.setOffset(replayed);
			page = tasks.searchForResources(referrals, new SystemRequestDetails());
			page.forEach(this::replay);
			replayed += page.size();
		} while (page.size() == PAGE);
		if (replayed > 0) {
			LOG.info("Referral metrics: replayed the history of {} referral Task(s)", replayed);
		}
	}

	/** Rebuilds one referral's projection row from its stored versions. */
	void replay(Task current) {
		IBundleProvider history = daoRegistry.getResourceDao(Task.class).history(current.getIdElement().toUnqualifiedVersionless(), null, null, null,
				new SystemRequestDetails());
		List<IBaseResource> versions = new ArrayList<>(history.getAllResources());
		Collections.reverse(versions); // HAPI lists the newest version first
		ReferralParties parties = projection.partiesOf(current, null);
		ReferralFact fact = null;
		for (IBaseResource version : versions) {
			Task task = (Task) version;
			fact = ReferralFact.advance(fact, task, parties, task.getMeta().getLastUpdated().toInstant(), calendar);
		}
		if (fact != null) {
			store.save(fact);
		}
	}
}
