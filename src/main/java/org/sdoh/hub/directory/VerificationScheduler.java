package org.sdoh.hub.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.app.SdohProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Asks the maintaining organization to verify each stale directory entry: one open verification
 * Task per entry (none is created while one is still open). Reads only stale entries
 * ({@code verified=lt...}, the search parameter shipped in ig/, and never verified ones last
 * updated before the cutoff: {@link Freshness}),
 * a page at a time, with one Task search per page for the entries already asked about.
 */
@Component
public class VerificationScheduler {

	private static final Logger LOG = LoggerFactory.getLogger(VerificationScheduler.class);
	private static final int PAGE = 500;

	private final DaoRegistry daoRegistry;
	private final Duration staleAfter;

	public VerificationScheduler(DaoRegistry daoRegistry, SdohProperties properties) {
		this.daoRegistry = daoRegistry;
		this.staleAfter = properties.directory().staleAfter();
	}

	@Scheduled(fixedDelayString = "${sdoh.directory.verification-check-interval:PT1H}", initialDelayString = "PT2M")
	public void run() {
		int created = requestVerifications(Instant.now());
		if (created > 0) {
			LOG.info("Created {} directory verification Task(s)", created);
		}
	}

	/** Creates the missing verification Tasks as of {@code now}; returns how many. */
	public int requestVerifications(Instant now) {
		int created = 0;
		Date cutoff = Date.from(now.minus(staleAfter));
		for (String type : Freshness.ENTRY_TYPES) {
			created += requestFor(type, SearchParameterMap.newSynchronous().add("verified", new DateParam(ParamPrefixEnum.LESSTHAN, cutoff)));
			DateParam neverVerified = new DateParam();
			neverVerified.setMissing(true);
			created += requestFor(type, SearchParameterMap.newSynchronous().add("verified", neverVerified)
					.add("_lastUpdated", new DateParam(ParamPrefixEnum.LESSTHAN, cutoff)));
		}
		return created;
	}

	/** Pages through the stale entries of one type; one Task query per page finds those already asked for. */
	private int requestFor(String type, SearchParameterMap stale) {
		stale.setCount(PAGE);
		stale.setSort(new SortSpec("_id"));
		int created = 0;
		List<IBaseResource> page;
		int offset = 0;
		do {
			stale.setOffset(offset);
			page = daoRegistry.getResourceDao(type).searchForResources(stale, new SystemRequestDetails());
			List<String> entries = page.stream().map(e -> type + "/" + e.getIdElement().getIdPart()).toList();
			Set<String> asked = withOpenVerification(entries);
			for (String focus : entries) {
				if (!asked.contains(focus)) {
					daoRegistry.getResourceDao(Task.class).create(verificationTask(focus), new SystemRequestDetails());
					created++;
				}
			}
			offset += page.size();
		} while (page.size() == PAGE);
		return created;
	}

	private Set<String> withOpenVerification(List<String> entries) {
		if (entries.isEmpty()) {
			return Set.of();
		}
		ReferenceOrListParam focus = new ReferenceOrListParam();
		entries.forEach(entry -> focus.addOr(new ReferenceParam(entry)));
		SearchParameterMap open = SearchParameterMap.newSynchronous()
				.add(Task.SP_FOCUS, focus)
				.add(Task.SP_CODE, new TokenParam(DirectoryTaskRules.SYSTEM, DirectoryTaskRules.VERIFICATION))
				.add(Task.SP_STATUS, new TokenOrListParam().add("requested").add("accepted").add("in-progress"));
		open.setCount(entries.size());
		return daoRegistry.getResourceDao(Task.class).searchForResources(open, new SystemRequestDetails()).stream()
				.map(task -> ((Task) task).getFocus().getReference())
				.collect(Collectors.toSet());
	}

	/** Owner and authoredOn are filled in by {@link DirectoryTaskInterceptor} from the entry. */
	private static Task verificationTask(String focus) {
		Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER)
				.setFocus(new Reference(focus))
				.setDescription("Please confirm this directory entry is correct (or correct it), then complete this Task.");
		task.getCode().addCoding().setSystem(DirectoryTaskRules.SYSTEM).setCode(DirectoryTaskRules.VERIFICATION)
				.setDisplay("Verify directory entry");
		return task;
	}
}
