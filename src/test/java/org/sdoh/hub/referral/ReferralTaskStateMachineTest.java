package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The whole transition matrix, written out independently of the implementation's table. */
class ReferralTaskStateMachineTest {

	/** From the IG's state table (digest 5.1): from -> allowed next statuses. */
	private static final Map<String, Set<String>> EXPECTED = Map.of(
			"draft", Set.of("requested", "entered-in-error"),
			"requested", Set.of("accepted", "rejected", "cancelled", "entered-in-error"),
			"accepted", Set.of("in-progress", "on-hold", "completed", "failed", "cancelled", "entered-in-error"),
			"in-progress", Set.of("on-hold", "completed", "failed", "cancelled", "entered-in-error"),
			"on-hold", Set.of("in-progress", "completed", "failed", "cancelled", "entered-in-error"),
			"rejected", Set.of("entered-in-error"),
			"completed", Set.of("entered-in-error"),
			"failed", Set.of("entered-in-error"),
			"cancelled", Set.of("entered-in-error"),
			"entered-in-error", Set.of());

	static final List<TaskStatus> REFERRAL_STATUSES = Arrays.stream(TaskStatus.values())
			.filter(ReferralTaskStateMachine::isReferralStatus)
			.toList();

	static Stream<Arguments> everyPair() {
		return REFERRAL_STATUSES.stream().flatMap(from -> REFERRAL_STATUSES.stream().filter(to -> to != from).map(to -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("everyPair")
	void transitionIsAllowedExactlyWhenTheIgTableAllowsIt(TaskStatus from, TaskStatus to) {
		boolean expected = EXPECTED.get(from.toCode()).contains(to.toCode());

		assertThat(ReferralTaskStateMachine.isAllowed(from, to)).isEqualTo(expected);
	}

	@Test
	void referralStatusesAreTheR4StatusesWithoutReadyAndReceived() {
		assertThat(REFERRAL_STATUSES).extracting(TaskStatus::toCode).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
	}

	@Test
	void requesterSetsDraftRequestedAndEnteredInErrorOwnerSetsProgressEitherCancels() {
		assertThat(ReferralTaskStateMachine.setBy(TaskStatus.REQUESTED)).containsExactly(ReferralParty.REQUESTER);
		assertThat(ReferralTaskStateMachine.setBy(TaskStatus.DRAFT)).containsExactly(ReferralParty.REQUESTER);
		assertThat(ReferralTaskStateMachine.setBy(TaskStatus.ENTEREDINERROR)).containsExactly(ReferralParty.REQUESTER);
		for (TaskStatus ownerStatus : List.of(TaskStatus.ACCEPTED, TaskStatus.REJECTED, TaskStatus.INPROGRESS,
				TaskStatus.ONHOLD, TaskStatus.COMPLETED, TaskStatus.FAILED)) {
			assertThat(ReferralTaskStateMachine.setBy(ownerStatus)).as(ownerStatus.toCode()).containsExactly(ReferralParty.OWNER);
		}
		assertThat(ReferralTaskStateMachine.setBy(TaskStatus.CANCELLED))
				.containsExactlyInAnyOrder(ReferralParty.REQUESTER, ReferralParty.OWNER);
	}
}
