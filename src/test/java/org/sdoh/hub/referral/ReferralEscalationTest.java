package org.sdoh.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.springframework.beans.factory.annotation.Autowired;

class ReferralEscalationTest extends FhirServerTestBase {

	@Autowired
	ReferralEscalation escalation;

	@Test
	void unansweredReferralIsFlaggedOverdueOnceAndAnAnsweredOneIsLeftAlone() {
		Instant now = Instant.now();
		IdType old = createReferral(TaskStatus.REQUESTED, now.minus(10, ChronoUnit.DAYS));
		IdType fresh = createReferral(TaskStatus.REQUESTED, now);
		IdType answered = createReferral(TaskStatus.ACCEPTED, now.minus(10, ChronoUnit.DAYS));
		IdType pastDeadline = createReferral(TaskStatus.REQUESTED, now, now.minus(1, ChronoUnit.HOURS));

		escalation.escalateOverdueReferrals(now);
		escalation.escalateOverdueReferrals(now);

		Task flagged = client.read().resource(Task.class).withId(old).execute();
		assertThat(flagged.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo(ReferralEscalation.OVERDUE);
		assertThat(flagged.getBusinessStatus().getCodingFirstRep().getSystem()).isEqualTo(ReferralEscalation.SYSTEM);
		assertThat(flagged.getMeta().getVersionId()).isEqualTo("2");
		assertThat(client.read().resource(Task.class).withId(fresh).execute().getMeta().getVersionId()).isEqualTo("1");
		assertThat(client.read().resource(Task.class).withId(answered).execute().getMeta().getVersionId()).isEqualTo("1");
		assertThat(client.read().resource(Task.class).withId(pastDeadline).execute().getBusinessStatus().getCodingFirstRep().getCode())
				.isEqualTo(ReferralEscalation.OVERDUE);
		assertThat(client.search().byUrl("Task?_id=" + old.getIdPart() + "," + pastDeadline.getIdPart()
				+ "&business-status=" + ReferralEscalation.SYSTEM + "|" + ReferralEscalation.OVERDUE).returnBundle(org.hl7.fhir.r4.model.Bundle.class)
				.execute().getEntry()).hasSize(2);
	}

	private IdType createReferral(TaskStatus status, Instant authoredOn) {
		return createReferral(status, authoredOn, null);
	}

	/** A referral Task; {@code deadline} (restriction.period.end) may be null. */
	private IdType createReferral(TaskStatus status, Instant authoredOn, Instant deadline) {
		String patient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Waiting")));
		String org = create(new Organization().setName(unique("CBO")));
		ServiceRequest request = Referrals.serviceRequest(patient);
		Task task = ReferralTaskRulesTest.referral(status)
				.setFocus(new Reference(create(request))).setFor(new Reference(patient))
				.setRequester(new Reference(org)).setOwner(new Reference(org));
		task.setAuthoredOn(Date.from(authoredOn));
		if (deadline != null) {
			task.getRestriction().getPeriod().setEnd(Date.from(deadline));
		}
		return (IdType) client.create().resource(task).execute().getId().toUnqualifiedVersionless();
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
