package org.sdoh.hub.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * The workflow rules of a referral Task (Gravity SDOHCC Task For Referral Management), checked on
 * every create and update whether or not the IG package is installed. Plain Java: it sees the Task
 * before and after and who is acting, and answers with the broken rules (empty when all is well).
 * Checks that need stored data (the focus ServiceRequest, the owner) live in
 * {@link ReferralReferenceRules}.
 */
public final class ReferralTaskRules {

	public static final String TASK_CODE_SYSTEM = "http://hl7.org/fhir/CodeSystem/task-code";
	public static final String FULFILL = "fulfill";
	public static final String PROFILE =
			"http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement";

	/** What the owner side may still change after creation. */
	private static final Set<String> OWNER_EDITABLE = Set.of("status", "statusReason", "businessStatus", "output", "note");

	private ReferralTaskRules() {}

	/** A Task is a referral Task when it claims the IG profile or has the code task-code#fulfill. */
	public static boolean isReferralTask(Task task) {
		boolean claimsProfile = task.getMeta().getProfile().stream().anyMatch(p -> PROFILE.equals(p.getValue()));
		return claimsProfile || hasFulfillCode(task);
	}

	private static boolean hasFulfillCode(Task task) {
		return task.getCode().getCoding().stream()
				.anyMatch(c -> TASK_CODE_SYSTEM.equals(c.getSystem()) && FULFILL.equals(c.getCode()));
	}

	public static List<RuleViolation> checkCreate(Task task, ReferralActor actor) {
		List<RuleViolation> violations = new ArrayList<>(requiredElements(task));
		TaskStatus status = task.getStatus();
		if (!ReferralTaskStateMachine.isReferralStatus(status)) {
			violations.add(statusNotAllowed(status));
			return violations;
		}
		if (!ReferralTaskStateMachine.INITIAL.contains(status) && !actor.administrative()) {
			violations.add(RuleViolation.businessRule("Task.status", "A new referral Task starts as 'requested' (or 'draft'), not '"
					+ status.toCode() + "'; creating a Task in a later state is reserved for administrative callers"));
		}
		violations.addAll(stateRequirements(task));
		return violations;
	}

	public static List<RuleViolation> checkUpdate(Task before, Task after, ReferralActor actor) {
		List<RuleViolation> violations = new ArrayList<>(requiredElements(after));
		TaskStatus from = before.getStatus();
		TaskStatus to = after.getStatus();
		if (!ReferralTaskStateMachine.isReferralStatus(to)) {
			violations.add(statusNotAllowed(to));
			return violations;
		}
		if (from != to) {
			violations.addAll(transition(from, to, actor));
		}
		violations.addAll(stateRequirements(after));
		if (actor.isOwnerOnly()) {
			violations.addAll(ownerChangesOnlyItsFields(before, after));
		}
		return violations;
	}

	private static List<RuleViolation> transition(TaskStatus from, TaskStatus to, ReferralActor actor) {
		List<RuleViolation> violations = new ArrayList<>();
		if (!ReferralTaskStateMachine.isAllowed(from, to)) {
			String allowed = ReferralTaskStateMachine.next(from).stream()
					.map(TaskStatus::toCode)
					.sorted()
					.collect(Collectors.joining(", "));
			violations.add(RuleViolation.businessRule("Task.status", "A referral Task cannot go from '" + from.toCode()
					+ "' to '" + to.toCode() + "'" + (allowed.isEmpty() ? " (it is final)" : "; allowed next: " + allowed)));
			return violations;
		}
		Set<ReferralParty> setBy = ReferralTaskStateMachine.setBy(to);
		if (setBy.stream().noneMatch(actor::actsFor)) {
			String side = setBy.contains(ReferralParty.OWNER) ? "the owner (the organization fulfilling the referral)" : "the requester";
			violations.add(RuleViolation.forbidden("Task.status", "Only " + side + " may set status '" + to.toCode() + "'"));
		}
		return violations;
	}

	/** What the status itself demands: a reason for rejected/cancelled/on-hold/failed, an output for completed. */
	private static List<RuleViolation> stateRequirements(Task task) {
		List<RuleViolation> violations = new ArrayList<>();
		TaskStatus status = task.getStatus();
		if (ReferralTaskStateMachine.NEEDS_REASON.contains(status) && !hasReason(task)) {
			violations.add(RuleViolation.required("Task.statusReason", "A referral Task in status '" + status.toCode()
					+ "' needs a statusReason (a coded reason and/or text) saying why"));
		}
		if (status == TaskStatus.COMPLETED && task.getOutput().stream().noneMatch(o -> o.getValue() != null && !o.getValue().isEmpty())) {
			violations.add(RuleViolation.required("Task.output", "Completing a referral needs at least one output saying what was done"
					+ " (a Procedure reference, a procedure code, or additional content)"));
		}
		return violations;
	}

	private static boolean hasReason(Task task) {
		return task.hasStatusReason() && (task.getStatusReason().hasText() || task.getStatusReason().hasCoding());
	}

	private static List<RuleViolation> requiredElements(Task task) {
		List<RuleViolation> violations = new ArrayList<>();
		if (task.getIntent() != Task.TaskIntent.ORDER) {
			violations.add(RuleViolation.invalid("Task.intent", "A referral Task has intent 'order'"));
		}
		if (!hasFulfillCode(task)) {
			violations.add(RuleViolation.invalid("Task.code", "A referral Task has code " + TASK_CODE_SYSTEM + "#" + FULFILL));
		}
		requireReference(task.getFocus(), "Task.focus", "the ServiceRequest being fulfilled", violations);
		requireReference(task.getFor(), "Task.for", "the person the referral is for", violations);
		requireReference(task.getRequester(), "Task.requester", "who made the referral", violations);
		if (!task.hasAuthoredOn()) {
			violations.add(RuleViolation.required("Task.authoredOn", "A referral Task needs authoredOn (when it was created)"));
		}
		return violations;
	}

	private static void requireReference(
			org.hl7.fhir.r4.model.Reference reference, String element, String meaning, List<RuleViolation> violations) {
		if (reference == null || !reference.hasReference()) {
			violations.add(RuleViolation.required(element, "A referral Task needs " + element.substring(5) + " (" + meaning + ")"));
		}
	}

	private static RuleViolation statusNotAllowed(TaskStatus status) {
		String code = status == null || status == TaskStatus.NULL ? "(none)" : status.toCode();
		return RuleViolation.invalid("Task.status", "'" + code + "' is not a referral Task status (the IG excludes 'ready' and"
				+ " 'received'); use draft, requested, accepted, rejected, in-progress, on-hold, completed, failed, cancelled or entered-in-error");
	}

	private static List<RuleViolation> ownerChangesOnlyItsFields(Task before, Task after) {
		Task frozenBefore = withoutOwnerEditableFields(before);
		Task frozenAfter = withoutOwnerEditableFields(after);
		if (frozenBefore.equalsDeep(frozenAfter)) {
			return List.of();
		}
		return List.of(RuleViolation.forbidden("Task", "The owner side may change only "
				+ OWNER_EDITABLE.stream().sorted().collect(Collectors.joining(", ")) + " of a referral Task"));
	}

	private static Task withoutOwnerEditableFields(Task task) {
		Task copy = task.copy();
		copy.setStatus(null);
		copy.setStatusReason(null);
		copy.setBusinessStatus(null);
		copy.setOutput(null);
		copy.setNote(null);
		copy.setMeta(null);
		copy.setText(null);
		copy.setLastModified(null);
		copy.setIdElement(null);
		return copy;
	}
}
