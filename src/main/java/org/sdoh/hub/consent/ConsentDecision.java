package org.sdoh.hub.consent;

import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * The disclosure policy, as plain rules (see README "Security"):
 * <ol>
 *   <li>Data carrying a sensitive label ({@link SensitivityLabels}) is released to an organization only
 *       under an active Consent of the patient that names the organization and lists that label in
 *       {@code provision.securityLabel}.</li>
 *   <li>A referred client's clinical data (Observation, Condition, QuestionnaireResponse, ...) is
 *       released to a CBO only under an active Consent naming the CBO, or — if the deployment enables
 *       treatment disclosure — as the supporting information of the CBO's referral.</li>
 *   <li>A Consent counts when its status is active, it is not a deny, and now is inside its provision
 *       period. It names an organization in {@code provision.actor} or {@code organization}
 *       (SDOHCC-Consent carries the recipient there and has no computable provisions).</li>
 * </ol>
 */
public final class ConsentDecision {

	/** The facts about the caller the policy needs. */
	public record Recipient(String organization, boolean cbo, boolean treatmentDisclosure) {}

	private ConsentDecision() {}

	/** Whether {@code recipient} may see a resource with these sensitive labels, given the patient's Consents. */
	public static boolean mayDisclose(
			Recipient recipient, boolean clinicalData, List<String> sensitiveLabels, List<Consent> consents, Date now) {
		List<Consent> naming = consents.stream()
				.filter(consent -> isInForce(consent, now) && names(consent, recipient.organization()))
				.toList();
		if (!sensitiveLabels.isEmpty()) {
			Set<String> covered = naming.stream()
					.flatMap(consent -> consent.getProvision().getSecurityLabel().stream())
					.map(SensitivityLabels::key)
					.collect(Collectors.toSet());
			return covered.containsAll(sensitiveLabels);
		}
		if (clinicalData && recipient.cbo()) {
			return recipient.treatmentDisclosure() || !naming.isEmpty();
		}
		return true;
	}

	static boolean isInForce(Consent consent, Date now) {
		return consent.getStatus() == Consent.ConsentState.ACTIVE
				&& consent.getProvision().getType() != ConsentProvisionType.DENY
				&& within(consent.getProvision().getPeriod(), now);
	}

	private static boolean within(Period period, Date now) {
		return (!period.hasStart() || !now.before(period.getStart()))
				&& (!period.hasEnd() || !now.after(period.getEnd()));
	}

	static boolean names(Consent consent, String organization) {
		return consent.getOrganization().stream().anyMatch(reference -> same(reference, organization))
				|| consent.getProvision().getActor().stream().anyMatch(actor -> same(actor.getReference(), organization));
	}

	private static boolean same(Reference reference, String organization) {
		return reference.hasReference()
				&& reference.getReferenceElement().toUnqualifiedVersionless().getValue().equals(organization);
	}
}
