package org.sdoh.hub.demo;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.sdoh.hub.metrics.ReferralFact;
import org.sdoh.hub.metrics.ReferralFactStore;
import org.sdoh.hub.metrics.ReferralParties;
import org.sdoh.hub.referral.BusinessCalendar;
import org.sdoh.hub.referral.ReferralEscalation;
import org.sdoh.hub.referral.ReferralTaskRules;

/**
 * A few hundred demo referrals from the demo clinic to the three demo CBOs over the past six
 * months, the same every first start (fixed random seed, dates counted back from the start), so
 * the metrics page has something to show. Each referral is stored as its ServiceRequest and its
 * Task in its final state (one version, written now). Because the metrics take status-change times
 * from versions, the generated history would otherwise all fall on today: for these demo referrals
 * only, the projection rows are then overwritten with the intended past times.
 */
final class DemoReferralHistory {

	private static final long SEED = 20_261_122L;
	private static final int BATCH = 50;
	private static final String DOMAINS = "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	private static final String REASONS = "http://sdoh-referral-hub.org/fhir/CodeSystem/referral-status-reason";
	private static final String REQUESTER = "PractitionerRole/demo-dr-rivera-role";
	private static final String CLINIC = "Organization/demo-clinic";
	private static final List<String> PATIENTS =
			List.of("Patient/demo-patient-maria", "Patient/demo-patient-james", "Patient/demo-patient-lin", "Patient/demo-patient-dwayne");
	private static final List<String> REJECTION_REASONS = List.of("at-capacity", "at-capacity", "not-eligible", "out-of-service-area");
	private static final List<String> CANCELLATION_REASONS = List.of("unable-to-contact", "declined-by-client", "duplicate");

	/** A CBO, the domain it serves and the service asked of it (codes as in demo-network.json). */
	record Service(String cbo, String domain, String code, String display, double weight) {}

	private static final List<Service> SERVICES = List.of(
			new Service("Organization/demo-cbo-foodbank", "food-insecurity", "467771000124109",
					"Assistance with application for food pantry program", 0.5),
			new Service("Organization/demo-cbo-housing", "housing-instability", "711069006", "Coordination of care plan", 0.3),
			new Service("Organization/demo-cbo-legal", "financial-insecurity", "464121000124103", "Referral to legal service", 0.2));

	/** One generated referral: what happened and when. */
	record Referral(int number, Service service, String patient, Instant sent, Instant accepted, Instant closed,
			TaskStatus status, String reason, boolean overdue) {

		String taskId() {
			return String.format("demo-history-%04d", number);
		}
	}

	private DemoReferralHistory() {}

	static void load(int referrals, Instant now, BusinessCalendar calendar, IFhirSystemDao<Bundle, ?> systemDao,
			ReferralFactStore facts) {
		List<Referral> history = generate(referrals, now, calendar);
		for (int from = 0; from < history.size(); from += BATCH) {
			List<Referral> batch = history.subList(from, Math.min(from + BATCH, history.size()));
			Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			batch.forEach(r -> addResources(transaction, r));
			systemDao.transaction(new SystemRequestDetails(), transaction);
			batch.forEach(r -> facts.save(new ReferralFact(r.taskId(), new ReferralParties(r.service.cbo(), CLINIC, r.service.domain()),
					r.status.toCode(), r.sent, r.accepted, r.closed, r.reason, r.status == TaskStatus.COMPLETED, r.overdue, calendar)));
		}
	}

	/** Sent on business days during office hours, answered after a skewed delay; most referrals end well. */
	static List<Referral> generate(int count, Instant now, BusinessCalendar calendar) {
		Random random = new Random(SEED);
		List<Referral> referrals = new ArrayList<>();
		Duration spread = Duration.ofDays(182);
		for (int i = 0; i < count; i++) {
			Service service = pick(random);
			ZonedDateTime sent = officeHours(now.minus(spread.multipliedBy(count - i).dividedBy(count)).atZone(calendar.zone()), calendar, random);
			Instant answered = sent.toInstant().plus(Duration.ofMinutes((long) (60 * Math.exp(2.3 + 1.1 * random.nextGaussian()))));
			Instant finished = answered.plus(Duration.ofHours(24 + random.nextInt(24 * 20)));
			boolean overdue = Duration.between(sent.toInstant(), answered).toDays() > 3;
			double fate = random.nextDouble();
			String patient = PATIENTS.get(random.nextInt(PATIENTS.size()));
			Referral referral;
			if (answered.isAfter(now) || fate < 0.08) {
				referral = new Referral(i, service, patient, sent.toInstant(), null, null, TaskStatus.REQUESTED, null,
						Duration.between(sent.toInstant(), now).toDays() > 3);
			} else if (fate < 0.22) {
				referral = new Referral(i, service, patient, sent.toInstant(), null, answered, TaskStatus.REJECTED,
						REJECTION_REASONS.get(random.nextInt(REJECTION_REASONS.size())), overdue);
			} else if (fate < 0.28) {
				referral = new Referral(i, service, patient, sent.toInstant(), null, answered, TaskStatus.CANCELLED,
						CANCELLATION_REASONS.get(random.nextInt(CANCELLATION_REASONS.size())), overdue);
			} else if (finished.isAfter(now) || fate < 0.40) {
				referral = new Referral(i, service, patient, sent.toInstant(), answered, null, TaskStatus.INPROGRESS, null, overdue);
			} else {
				referral = new Referral(i, service, patient, sent.toInstant(), answered, finished, TaskStatus.COMPLETED, null, overdue);
			}
			referrals.add(referral);
		}
		return referrals;
	}

	private static Service pick(Random random) {
		double roll = random.nextDouble();
		for (Service service : SERVICES) {
			roll -= service.weight();
			if (roll < 0) {
				return service;
			}
		}
		return SERVICES.get(SERVICES.size() - 1);
	}

	private static ZonedDateTime officeHours(ZonedDateTime day, BusinessCalendar calendar, Random random) {
		ZonedDateTime time = day.truncatedTo(ChronoUnit.DAYS).plusHours(8).plusMinutes(random.nextInt(9 * 60));
		while (!calendar.isBusinessDay(time.toLocalDate())) {
			time = time.minusDays(1);
		}
		return time;
	}

	private static void addResources(Bundle transaction, Referral r) {
		String requestId = "demo-history-sr-" + r.taskId().substring("demo-history-".length());
		ServiceRequest request = new ServiceRequest()
				.setStatus(r.status == TaskStatus.COMPLETED ? ServiceRequest.ServiceRequestStatus.COMPLETED
						: r.status == TaskStatus.CANCELLED ? ServiceRequest.ServiceRequestStatus.REVOKED
						: ServiceRequest.ServiceRequestStatus.ACTIVE)
				.setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
				.setSubject(new Reference(r.patient))
				.setRequester(new Reference(REQUESTER))
				.setAuthoredOnElement(new DateTimeType(Date.from(r.sent)));
		request.setId("ServiceRequest/" + requestId);
		request.addCategory().addCoding(new Coding(DOMAINS, r.service.domain(), null));
		request.getCode().addCoding(new Coding("http://snomed.info/sct", r.service.code(), r.service.display()));
		request.addPerformer(new Reference(r.service.cbo()));
		transaction.addEntry().setResource(request).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("ServiceRequest/" + requestId);

		Task task = new Task()
				.setStatus(r.status)
				.setIntent(Task.TaskIntent.ORDER)
				.setFocus(new Reference("ServiceRequest/" + requestId))
				.setFor(new Reference(r.patient))
				.setRequester(new Reference(REQUESTER))
				.setOwner(new Reference(r.service.cbo()))
				.setAuthoredOnElement(new DateTimeType(Date.from(r.sent)));
		task.setId("Task/" + r.taskId());
		task.getCode().addCoding(new Coding(ReferralTaskRules.TASK_CODE_SYSTEM, ReferralTaskRules.FULFILL, null));
		if (r.reason != null) {
			task.setStatusReason(new CodeableConcept(new Coding(REASONS, r.reason, null)));
		}
		if (r.overdue && r.status == TaskStatus.REQUESTED) {
			task.getBusinessStatus().addCoding(new Coding(ReferralEscalation.SYSTEM, ReferralEscalation.OVERDUE, null));
		}
		if (r.status == TaskStatus.COMPLETED) {
			task.addOutput().setValue(new CodeableConcept(new Coding("http://snomed.info/sct", r.service.code(), r.service.display())))
					.getType().addCoding(new Coding(DOMAINS, "resulting-activity", null));
		}
		transaction.addEntry().setResource(task).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Task/" + r.taskId());
	}
}
