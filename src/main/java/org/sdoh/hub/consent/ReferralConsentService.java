package org.sdoh.hub.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.sdoh.hub.security.Caller;

/**
 * HAPI's consent service for this server: every resource about to be shown — read, search match,
 * {@code _include}/{@code _revinclude}, history version, operation output — is checked against
 * {@link ConsentDecision}; what may not be disclosed is withheld (and counted by {@link WithheldNotice}).
 * The patient's Consents are looked up once per request and patient, so a revoked Consent stops
 * access on the very next request.
 */
public class ReferralConsentService implements IConsentService {

	/** Clinical data a CBO gets only with consent (or treatment disclosure). */
	static final Set<String> CLINICAL_TYPES =
			Set.of("Observation", "Condition", "QuestionnaireResponse", "Goal", "DocumentReference", "Procedure");

	private static final String CONSENTS_OF_REQUEST = ReferralConsentService.class.getName() + ".consents";

	private final DaoRegistry daoRegistry;
	private final boolean treatmentDisclosure;

	public ReferralConsentService(DaoRegistry daoRegistry, boolean treatmentDisclosure) {
		this.daoRegistry = daoRegistry;
		this.treatmentDisclosure = treatmentDisclosure;
	}

	@Override
	public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices services) {
		return Caller.current().map(caller -> !caller.admin() && caller.patient().isEmpty()).orElse(false);
	}

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		Optional<Caller> current = Caller.current();
		if (current.isEmpty() || current.get().admin() || current.get().patient().isPresent()
				|| !(resource instanceof Resource fhirResource)) {
			return ConsentOutcome.PROCEED;
		}
		Caller caller = current.get();
		List<String> labels = SensitivityLabels.of(fhirResource);
		boolean clinical = CLINICAL_TYPES.contains(fhirResource.fhirType());
		if (labels.isEmpty() && !(clinical && caller.ownerSide())) {
			return ConsentOutcome.PROCEED;
		}
		Optional<String> patient = patientOf(fhirResource);
		if (caller.organization().isEmpty() || patient.isEmpty()) {
			return withhold(request);
		}
		ConsentDecision.Recipient recipient =
				new ConsentDecision.Recipient(caller.organization().get(), caller.ownerSide(), treatmentDisclosure);
		boolean disclose = ConsentDecision.mayDisclose(
				recipient, clinical, labels, consentsOf(request, patient.get()), new Date());
		return disclose ? ConsentOutcome.PROCEED : withhold(request);
	}

	/**
	 * A withheld resource leaves a search with a count of what was withheld; a read of it is refused
	 * with 403 rather than 404, so the receiver knows it exists but is not disclosed to it.
	 */
	private static ConsentOutcome withhold(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD) {
			throw new ForbiddenOperationException(
					"Withheld: no Consent of the patient covers disclosure of this resource to your organization");
		}
		WithheldNotice.count(request);
		return ConsentOutcome.REJECT;
	}

	private static Optional<String> patientOf(Resource resource) {
		for (String element : List.of("subject", "patient")) {
			if (resource.getNamedProperty(element) != null) {
				for (Base value : resource.getNamedProperty(element).getValues()) {
					if (value instanceof Reference reference && reference.getReferenceElement().getResourceType() != null
							&& reference.getReferenceElement().getResourceType().equals("Patient")) {
						return Optional.of(reference.getReferenceElement().toUnqualifiedVersionless().getValue());
					}
				}
			}
		}
		return Optional.empty();
	}

	@SuppressWarnings("unchecked")
	private List<Consent> consentsOf(RequestDetails request, String patient) {
		Map<String, List<Consent>> cache = (Map<String, List<Consent>>)
				request.getUserData().computeIfAbsent(CONSENTS_OF_REQUEST, key -> new HashMap<String, List<Consent>>());
		return cache.computeIfAbsent(patient, this::activeConsents);
	}

	private List<Consent> activeConsents(String patient) {
		SearchParameterMap query = SearchParameterMap.newSynchronous()
				.add(Consent.SP_PATIENT, new ReferenceParam(patient))
				.add(Consent.SP_STATUS, new TokenParam("active"));
		return daoRegistry.getResourceDao(Consent.class).search(query, new SystemRequestDetails()).getAllResources().stream()
				.map(Consent.class::cast)
				.toList();
	}
}
