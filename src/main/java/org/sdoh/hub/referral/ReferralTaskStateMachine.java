package org.sdoh.hub.referral;

import static org.hl7.fhir.r4.model.Task.TaskStatus.ACCEPTED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.CANCELLED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.DRAFT;
import static org.hl7.fhir.r4.model.Task.TaskStatus.ENTEREDINERROR;
import static org.hl7.fhir.r4.model.Task.TaskStatus.FAILED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.INPROGRESS;
import static org.hl7.fhir.r4.model.Task.TaskStatus.ONHOLD;
import static org.hl7.fhir.r4.model.Task.TaskStatus.READY;
import static org.hl7.fhir.r4.model.Task.TaskStatus.RECEIVED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.REJECTED;
import static org.hl7.fhir.r4.model.Task.TaskStatus.REQUESTED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * The referral Task state machine of the Gravity SDOH Clinical Care IG (SDOHCC Task For Referral
 * Management): which status may follow which, and which side of the referral may set each status.
 * {@code ready} and {@code received} are not referral statuses at all (the IG's required binding
 * excludes them).
 */
public final class ReferralTaskStateMachine {

	private static final Map<TaskStatus, Set<TaskStatus>> NEXT = Map.of(
			DRAFT, EnumSet.of(REQUESTED, ENTEREDINERROR),
			REQUESTED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED, ENTEREDINERROR),
			ACCEPTED, EnumSet.of(INPROGRESS, ONHOLD, COMPLETED, FAILED, CANCELLED, ENTEREDINERROR),
			INPROGRESS, EnumSet.of(ONHOLD, COMPLETED, FAILED, CANCELLED, ENTEREDINERROR),
			ONHOLD, EnumSet.of(INPROGRESS, COMPLETED, FAILED, CANCELLED, ENTEREDINERROR),
			REJECTED, EnumSet.of(ENTEREDINERROR),
			COMPLETED, EnumSet.of(ENTEREDINERROR),
			FAILED, EnumSet.of(ENTEREDINERROR),
			CANCELLED, EnumSet.of(ENTEREDINERROR),
			ENTEREDINERROR, EnumSet.noneOf(TaskStatus.class));

	private static final Map<TaskStatus, Set<ReferralParty>> SET_BY = Map.ofEntries(
			Map.entry(DRAFT, EnumSet.of(ReferralParty.REQUESTER)),
			Map.entry(REQUESTED, EnumSet.of(ReferralParty.REQUESTER)),
			Map.entry(ENTEREDINERROR, EnumSet.of(ReferralParty.REQUESTER)),
			Map.entry(ACCEPTED, EnumSet.of(ReferralParty.OWNER)),
			Map.entry(REJECTED, EnumSet.of(ReferralParty.OWNER)),
			Map.entry(INPROGRESS, EnumSet.of(ReferralParty.OWNER)),
			Map.entry(ONHOLD, EnumSet.of(ReferralParty.OWNER)),
			Map.entry(FAILED, EnumSet.of(ReferralParty.OWNER)),
			Map.entry(COMPLETED, EnumSet.of(ReferralParty.OWNER)),
			Map.entry(CANCELLED, EnumSet.of(ReferralParty.REQUESTER, ReferralParty.OWNER)));

	/** Statuses a new referral starts in, for callers that are not administrative. */
	public static final Set<TaskStatus> INITIAL = EnumSet.of(DRAFT, REQUESTED);

	/** Statuses that must say why (statusReason). */
	public static final Set<TaskStatus> NEEDS_REASON = EnumSet.of(REJECTED, CANCELLED, ONHOLD, FAILED);

	private ReferralTaskStateMachine() {}

	public static boolean isReferralStatus(TaskStatus status) {
		return status != null && status != TaskStatus.NULL && status != READY && status != RECEIVED;
	}

	public static boolean isAllowed(TaskStatus from, TaskStatus to) {
		return NEXT.getOrDefault(from, Set.of()).contains(to);
	}

	public static Set<TaskStatus> next(TaskStatus from) {
		return NEXT.getOrDefault(from, Set.of());
	}

	public static Set<ReferralParty> setBy(TaskStatus status) {
		return SET_BY.getOrDefault(status, Set.of());
	}
}
