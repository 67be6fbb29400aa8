package org.sdoh.hub.directory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.sdoh.hub.referral.RuleViolation;

/**
 * Verification and correction Tasks ({@link DirectoryTaskRules}) on every write: a report lands in
 * the queue of the organization that maintains the entry (Task.owner is set to it), and completing
 * such a Task records the entry as verified by the Task's owner, in the same transaction.
 */
@Interceptor
public class DirectoryTaskInterceptor {

	private final FhirContext fhirContext;
	private final DaoRegistry daoRegistry;

	public DirectoryTaskInterceptor(FhirContext fhirContext, DaoRegistry daoRegistry) {
		this.fhirContext = fhirContext;
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void onCreate(IBaseResource resource) {
		if (!(resource instanceof Task task) || !DirectoryTaskRules.isDirectoryTask(task)) {
			return;
		}
		refuseIfAny(DirectoryTaskRules.checkCreate(task));
		DomainResource entry = focusOf(task).orElseThrow(() -> refusal(List.of(new RuleViolation("Task.focus", IssueType.NOTFOUND,
				"The directory entry " + task.getFocus().getReference() + " does not exist"))));
		DirectoryEntries.owningOrganization(entry).ifPresent(task::setOwner);
		if (!task.hasAuthoredOn()) {
			task.setAuthoredOnElement(DateTimeType.now());
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void onUpdate(IBaseResource previous, IBaseResource updated) {
		if (updated instanceof Task after && previous instanceof Task before && DirectoryTaskRules.isDirectoryTask(before)) {
			refuseIfAny(DirectoryTaskRules.checkUpdate(before, after));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void beforeCommitOfUpdate(IBaseResource previous, IBaseResource updated) {
		if (updated instanceof Task after && previous instanceof Task before && DirectoryTaskRules.isDirectoryTask(after)
				&& DirectoryTaskRules.verifiesEntry(before, after)) {
			focusOf(after).ifPresent(entry -> {
				Freshness.markVerified(entry, Instant.now(), after.getOwner());
				dao(entry.fhirType()).update(entry, new SystemRequestDetails());
			});
		}
	}

	private Optional<DomainResource> focusOf(Task task) {
		try {
			return Optional.of((DomainResource) dao(task.getFocus().getReferenceElement().getResourceType())
					.read(task.getFocus().getReferenceElement().toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<DomainResource> dao(String type) {
		return (IFhirResourceDao<DomainResource>) daoRegistry.getResourceDao(type);
	}

	private void refuseIfAny(List<RuleViolation> violations) {
		if (!violations.isEmpty()) {
			throw refusal(violations);
		}
	}

	private UnprocessableEntityException refusal(List<RuleViolation> violations) {
		return RuleViolation.refusal(fhirContext, violations);
	}
}
