package org.sdoh.hub.referral;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * Keeps a ServiceRequest's status in step with the referral Tasks that fulfil it, once all of them
 * are finished (entered-in-error Tasks do not count):
 * <ul>
 *   <li>at least one Task completed and none still open → {@code completed};</li>
 *   <li>every Task cancelled → {@code revoked};</li>
 *   <li>otherwise (a Task still open, or only rejected/failed ones) → unchanged: the requester
 *       decides whether to refer elsewhere.</li>
 * </ul>
 * A ServiceRequest the requester already closed (completed, revoked, entered-in-error) is never
 * changed.
 */
public final class ServiceRequestStatusRule {

	private static final Set<TaskStatus> FINISHED =
			EnumSet.of(TaskStatus.COMPLETED, TaskStatus.CANCELLED, TaskStatus.REJECTED, TaskStatus.FAILED);
	private static final Set<ServiceRequestStatus> CLOSED =
			EnumSet.of(ServiceRequestStatus.COMPLETED, ServiceRequestStatus.REVOKED, ServiceRequestStatus.ENTEREDINERROR);

	private ServiceRequestStatusRule() {}

	public static Optional<ServiceRequestStatus> statusFor(ServiceRequestStatus current, Collection<TaskStatus> tasks) {
		if (CLOSED.contains(current)) {
			return Optional.empty();
		}
		var counted = tasks.stream().filter(s -> s != TaskStatus.ENTEREDINERROR).toList();
		if (counted.isEmpty() || !FINISHED.containsAll(counted)) {
			return Optional.empty();
		}
		if (counted.contains(TaskStatus.COMPLETED)) {
			return Optional.of(ServiceRequestStatus.COMPLETED);
		}
		if (counted.stream().allMatch(s -> s == TaskStatus.CANCELLED)) {
			return Optional.of(ServiceRequestStatus.REVOKED);
		}
		return Optional.empty();
	}
}
