package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sdoh.hub.referral.RuleViolation;

class DirectoryTaskRulesTest {

	private static Task task(String code, TaskStatus status) {
		Task task = new Task().setStatus(status).setFocus(new Reference("HealthcareService/1")).setDescription("Phone number wrong");
		task.getCode().addCoding().setSystem(DirectoryTaskRules.SYSTEM).setCode(code);
		return task;
	}

	@Test
	void aCompleteCorrectionReportBreaksNoRule() {
		assertThat(DirectoryTaskRules.checkCreate(task(DirectoryTaskRules.CORRECTION, TaskStatus.REQUESTED))).isEmpty();
	}

	@Test
	void aCorrectionReportMustSayWhatIsWrong() {
		Task task = task(DirectoryTaskRules.CORRECTION, TaskStatus.REQUESTED).setDescription(null);

		assertThat(DirectoryTaskRules.checkCreate(task)).extracting(RuleViolation::element).containsExactly("Task.description");
	}

	@ParameterizedTest
	@CsvSource({"Patient/1", "http://other.example/fhir/HealthcareService/1", "''"})
	void theFocusIsADirectoryEntryOnThisServer(String focus) {
		Task task = task(DirectoryTaskRules.VERIFICATION, TaskStatus.REQUESTED).setFocus(new Reference(focus));

		assertThat(DirectoryTaskRules.checkCreate(task)).extracting(RuleViolation::element).containsExactly("Task.focus");
	}

	@Test
	void aNewDirectoryTaskStartsRequestedWithAKnownCode() {
		assertThat(DirectoryTaskRules.checkCreate(task("something-else", TaskStatus.COMPLETED)))
				.extracting(RuleViolation::element).containsExactly("Task.code", "Task.status");
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource({
		"requested, accepted, ''",
		"requested, completed, ''",
		"in-progress, completed, ''",
		"requested, rejected, Task.statusReason",
		"completed, requested, Task.status",
		"rejected, in-progress, Task.status",
		"requested, on-hold, Task.status"
	})
	void transitions(String from, String to, String brokenRule) {
		Task before = task(DirectoryTaskRules.CORRECTION, TaskStatus.fromCode(from));
		Task after = before.copy().setStatus(TaskStatus.fromCode(to));

		assertThat(DirectoryTaskRules.checkUpdate(before, after)).extracting(RuleViolation::element)
				.containsExactlyElementsOf(brokenRule.isEmpty() ? java.util.List.of() : java.util.List.of(brokenRule));
	}

	@Test
	void dismissingWithAReasonIsAllowed() {
		Task before = task(DirectoryTaskRules.CORRECTION, TaskStatus.REQUESTED);
		Task after = before.copy().setStatus(TaskStatus.REJECTED).setStatusReason(new CodeableConcept().setText("Entry is correct"));

		assertThat(DirectoryTaskRules.checkUpdate(before, after)).isEmpty();
	}

	@Test
	void theEntryATaskIsAboutCannotChange() {
		Task before = task(DirectoryTaskRules.CORRECTION, TaskStatus.REQUESTED);
		Task after = before.copy().setFocus(new Reference("HealthcareService/2"));

		assertThat(DirectoryTaskRules.checkUpdate(before, after)).extracting(RuleViolation::element).containsExactly("Task.focus");
	}

	@Test
	void onlyTheStepToCompletedVerifiesTheEntry() {
		Task requested = task(DirectoryTaskRules.VERIFICATION, TaskStatus.REQUESTED);
		Task completed = requested.copy().setStatus(TaskStatus.COMPLETED);

		assertThat(DirectoryTaskRules.verifiesEntry(requested, completed)).isTrue();
		assertThat(DirectoryTaskRules.verifiesEntry(completed, completed)).isFalse();
	}
}
