package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ACTIVE;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.COMPLETED;
import static org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.REVOKED;

import java.util.List;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class ServiceRequestStatusRuleTest {

	@Test
	void allTasksCompletedCompletesTheServiceRequest() {
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.COMPLETED, TaskStatus.COMPLETED))).contains(COMPLETED);
	}

	@Test
	void oneCompletedAndTheOthersFinishedCompletesIt() {
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.COMPLETED, TaskStatus.REJECTED, TaskStatus.CANCELLED)))
				.contains(COMPLETED);
	}

	@Test
	void allTasksCancelledRevokesIt() {
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.CANCELLED))).contains(REVOKED);
	}

	@Test
	void anOpenTaskLeavesItUnchanged() {
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.COMPLETED, TaskStatus.INPROGRESS))).isEmpty();
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.CANCELLED, TaskStatus.REQUESTED))).isEmpty();
	}

	@Test
	void onlyRejectedOrFailedLeavesTheDecisionToTheRequester() {
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.REJECTED))).isEmpty();
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.FAILED, TaskStatus.CANCELLED))).isEmpty();
	}

	@Test
	void enteredInErrorTasksDoNotCount() {
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.ENTEREDINERROR, TaskStatus.COMPLETED))).contains(COMPLETED);
		assertThat(ServiceRequestStatusRule.statusFor(ACTIVE, List.of(TaskStatus.ENTEREDINERROR))).isEmpty();
	}

	@Test
	void aServiceRequestTheRequesterClosedIsNeverChanged() {
		for (ServiceRequestStatus closed : List.of(COMPLETED, REVOKED, ServiceRequestStatus.ENTEREDINERROR)) {
			assertThat(ServiceRequestStatusRule.statusFor(closed, List.of(TaskStatus.CANCELLED))).as(closed.toCode()).isEmpty();
		}
	}
}
