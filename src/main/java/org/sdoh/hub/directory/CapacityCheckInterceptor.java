package org.sdoh.hub.directory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.app.SdohProperties.CapacityPolicy;
import org.sdoh.hub.referral.ReferralTaskRules;

/**
 * A new referral Task for a service that reported no capacity: refused with 422 when the deployment
 * says {@code refuse}, otherwise stored with an OperationOutcome warning in the
 * {@value #WARNING_HEADER} response header. The owner is a HealthcareService (its own status) or an
 * Organization (at capacity when every one of its active services that reports a status reports
 * no-capacity). Kept apart from the referral state machine: capacity is directory knowledge.
 *
 * <p>Every new referral asks, and capacity changes rarely: an organization's answer is remembered for
 * {@link #REMEMBERED}. Any change of a HealthcareService stored through this server forgets them all at
 * once; a change stored through another node of a cluster is seen within that time.
 */
@Interceptor
public class CapacityCheckInterceptor {

	public static final String WARNING_HEADER = "X-Directory-Capacity-OperationOutcome";
	/** Our search parameter over the Gravity capacity-status extension (ig/directory). */
	private static final String CAPACITY_STATUS = "capacity-status";

	static final Duration REMEMBERED = Duration.ofSeconds(10);

	private final Map<String, Remembered> organizations = new ConcurrentHashMap<>();
	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;
	private final CapacityPolicy policy;

	public CapacityCheckInterceptor(FhirContext fhirContext, DaoRegistry daoRegistry, CapacityPolicy policy) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
		this.policy = policy;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void onCreate(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Task task) || !ReferralTaskRules.isReferralTask(task) || !task.hasOwner()) {
			return;
		}
		IIdType owner = task.getOwner().getReferenceElement();
		if (owner.isAbsolute() || !owner.hasIdPart() || !isAtCapacity(owner)) {
			return;
		}
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(policy == CapacityPolicy.REFUSE ? OperationOutcome.IssueSeverity.ERROR : OperationOutcome.IssueSeverity.WARNING)
				.setCode(OperationOutcome.IssueType.BUSINESSRULE)
				.setDiagnostics("Task.owner: " + owner.toUnqualifiedVersionless().getValue()
						+ " reports no capacity (Gravity capacity status 'no-capacity'); the referral is unlikely to be accepted")
				.setExpression(List.of(new StringType("Task.owner")));
		if (policy == CapacityPolicy.REFUSE) {
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
		if (request instanceof ServletRequestDetails servlet && servlet.getServletResponse() != null) {
			servlet.getServletResponse().addHeader(WARNING_HEADER, fhirContext.newJsonParser().encodeResourceToString(outcome));
		}
	}

	private boolean isAtCapacity(IIdType owner) {
		return switch (owner.getResourceType()) {
			case "HealthcareService" -> read(owner).flatMap(CapacityStatus::of).filter(s -> s == CapacityStatus.NO_CAPACITY).isPresent();
			case "Organization" -> organizationAtCapacity(owner);
			default -> false;
		};
	}

	private Optional<HealthcareService> read(IIdType id) {
		try {
			return Optional.of((HealthcareService) daoRegistry.getResourceDao("HealthcareService")
					.read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty(); // a missing owner is the referral rules' concern
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void serviceCreated(IBaseResource resource) {
		forgetIfService(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void serviceUpdated(IBaseResource previous, IBaseResource updated) {
		forgetIfService(updated);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void serviceDeleted(IBaseResource resource) {
		forgetIfService(resource);
	}

	private void forgetIfService(IBaseResource resource) {
		if (resource instanceof HealthcareService) {
			organizations.clear();
		}
	}

	private boolean organizationAtCapacity(IIdType organization) {
		String key = organization.toUnqualifiedVersionless().getValue();
		long now = System.nanoTime();
		Remembered remembered = organizations.get(key);
		if (remembered != null && now - remembered.since() < REMEMBERED.toNanos()) {
			return remembered.atCapacity();
		}
		boolean atCapacity = askOrganizationAtCapacity(organization);
		organizations.put(key, new Remembered(atCapacity, now));
		return atCapacity;
	}

	private record Remembered(boolean atCapacity, long since) {}

	/** Asks about room first: an organization with a service taking referrals costs one index lookup. */
	private boolean askOrganizationAtCapacity(IIdType organization) {
		boolean takesReferrals = anyActiveServiceReports(organization, CapacityRule.takingReferrals());
		boolean reportsFull = !takesReferrals && anyActiveServiceReports(organization, List.of(CapacityStatus.NO_CAPACITY));
		return CapacityRule.organizationAtCapacity(reportsFull, takesReferrals);
	}

	/** Whether an active service of the organization reports one of the statuses (ids only, nothing loaded). */
	private boolean anyActiveServiceReports(IIdType organization, List<CapacityStatus> statuses) {
		TokenOrListParam codes = new TokenOrListParam();
		statuses.forEach(status -> codes.addOr(new TokenParam(status.code())));
		SearchParameterMap map = SearchParameterMap.newSynchronous()
				.add(HealthcareService.SP_ORGANIZATION, new ReferenceParam(organization.toUnqualifiedVersionless().getValue()))
				.add(HealthcareService.SP_ACTIVE, new TokenParam("true"))
				.add(CAPACITY_STATUS, codes);
		map.setLoadSynchronousUpTo(1);
		return !daoRegistry.getResourceDao("HealthcareService").searchForResourceIds(map, new SystemRequestDetails()).isEmpty();
	}
}
