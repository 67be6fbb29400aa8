package org.sdoh.hub.referral;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * When a referral Task's status changes, brings its focus ServiceRequest's status in line
 * ({@link ServiceRequestStatusRule}) in the same database transaction, so an EHR reading the
 * ServiceRequest never sees it disagree with the Tasks. Switch: {@code sdoh.referral.sync-service-request-status}.
 */
@Interceptor
public class ServiceRequestStatusSync {

	private final DaoRegistry daoRegistry;

	public ServiceRequestStatusSync(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void afterTaskStatusChange(IBaseResource previous, IBaseResource updated) {
		if (updated instanceof Task after && previous instanceof Task before && before.getStatus() != after.getStatus()
				&& ReferralTaskRules.isReferralTask(after) && ReferralReferenceRules.focusesLocalServiceRequest(after)) {
			syncFocusOf(after);
		}
	}

	private void syncFocusOf(Task task) {
		IIdType focus = task.getFocus().getReferenceElement().toUnqualifiedVersionless();
		IFhirResourceDao<ServiceRequest> requests = daoRegistry.getResourceDao(ServiceRequest.class);
		ServiceRequest request = requests.read(focus, new SystemRequestDetails());
		ServiceRequestStatusRule.statusFor(request.getStatus(), taskStatusesFor(focus, task)).ifPresent(status -> {
			request.setStatus(status);
			requests.update(request, new SystemRequestDetails());
		});
	}

	/** The statuses of all referral Tasks for the focus; the changing Task counts with its new status. */
	private List<TaskStatus> taskStatusesFor(IIdType focus, Task changing) {
		String changingId = changing.getIdElement().toUnqualifiedVersionless().getValue();
		SearchParameterMap byFocus = SearchParameterMap.newSynchronous()
				.add(Task.SP_FOCUS, new ReferenceParam(focus.getValue()));
		List<TaskStatus> statuses = new ArrayList<>();
		statuses.add(changing.getStatus());
		daoRegistry.getResourceDao(Task.class).searchForResources(byFocus, new SystemRequestDetails()).stream()
				.map(Task.class::cast)
				.filter(ReferralTaskRules::isReferralTask)
				.filter(t -> !t.getIdElement().toUnqualifiedVersionless().getValue().equals(changingId))
				.forEach(t -> statuses.add(t.getStatus()));
		return statuses;
	}
}
