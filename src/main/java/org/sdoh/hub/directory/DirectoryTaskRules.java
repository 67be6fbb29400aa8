package org.sdoh.hub.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.sdoh.hub.referral.RuleViolation;

/**
 * The rules of the directory's own Tasks (code system {@value #SYSTEM}): a correction report says
 * what is wrong about which entry; applying it is {@code completed}, dismissing it is
 * {@code rejected} with a reason; a finished Task stays finished. Plain Java, table-tested.
 */
public final class DirectoryTaskRules {

	public static final String SYSTEM = "http://sdoh-referral-hub.org/fhir/CodeSystem/directory-task";
	public static final String VERIFICATION = "directory-verification";
	public static final String CORRECTION = "directory-correction";

	private static final Set<TaskStatus> OPEN = Set.of(TaskStatus.REQUESTED, TaskStatus.ACCEPTED, TaskStatus.INPROGRESS);
	private static final Set<TaskStatus> FINISHED = Set.of(TaskStatus.COMPLETED, TaskStatus.REJECTED, TaskStatus.CANCELLED);

	private DirectoryTaskRules() {}

	public static boolean isDirectoryTask(Task task) {
		return task.getCode().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem()));
	}

	public static boolean isCode(Task task, String code) {
		return task.getCode().getCoding().stream().anyMatch(c -> SYSTEM.equals(c.getSystem()) && code.equals(c.getCode()));
	}

	public static List<RuleViolation> checkCreate(Task task) {
		List<RuleViolation> violations = new ArrayList<>();
		if (!isCode(task, VERIFICATION) && !isCode(task, CORRECTION)) {
			violations.add(new RuleViolation("Task.code", IssueType.CODEINVALID,
					"Directory Tasks use code " + VERIFICATION + " or " + CORRECTION + " of " + SYSTEM));
		}
		if (task.getStatus() != TaskStatus.REQUESTED) {
			violations.add(new RuleViolation("Task.status", IssueType.BUSINESSRULE, "A new directory Task starts as 'requested'"));
		}
		String focusType = task.getFocus().getReferenceElement().getResourceType();
		if (focusType == null || !Freshness.ENTRY_TYPES.contains(focusType) || task.getFocus().getReferenceElement().isAbsolute()) {
			violations.add(new RuleViolation("Task.focus", IssueType.REQUIRED,
					"focus must reference the directory entry on this server (HealthcareService, Organization or Location)"));
		}
		if (isCode(task, CORRECTION) && !task.hasDescription() && !task.hasNote() && !task.hasInput()) {
			violations.add(new RuleViolation("Task.description", IssueType.REQUIRED,
					"A correction report says what is wrong (description, note or input)"));
		}
		return violations;
	}

	public static List<RuleViolation> checkUpdate(Task before, Task after) {
		List<RuleViolation> violations = new ArrayList<>();
		if (FINISHED.contains(before.getStatus()) && before.getStatus() != after.getStatus()) {
			violations.add(new RuleViolation("Task.status", IssueType.BUSINESSRULE,
					"A finished directory Task ('" + before.getStatus().toCode() + "') cannot change status"));
		} else if (!OPEN.contains(after.getStatus()) && !FINISHED.contains(after.getStatus())) {
			violations.add(new RuleViolation("Task.status", IssueType.VALUE, "Directory Tasks use requested, accepted, in-progress, "
					+ "completed (applied/verified), rejected (dismissed) or cancelled"));
		}
		if (after.getStatus() == TaskStatus.REJECTED && before.getStatus() != TaskStatus.REJECTED && !after.hasStatusReason()) {
			violations.add(new RuleViolation("Task.statusReason", IssueType.REQUIRED, "Dismissing a directory Task needs a statusReason"));
		}
		if (!before.getFocus().equalsDeep(after.getFocus())) {
			violations.add(new RuleViolation("Task.focus", IssueType.BUSINESSRULE, "The entry a directory Task is about cannot change"));
		}
		return violations;
	}

	/** A verification confirmed, or a correction applied: the entry is now verified. */
	public static boolean verifiesEntry(Task before, Task after) {
		return after.getStatus() == TaskStatus.COMPLETED && before.getStatus() != TaskStatus.COMPLETED;
	}
}
