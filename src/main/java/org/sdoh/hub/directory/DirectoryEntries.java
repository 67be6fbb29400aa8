package org.sdoh.hub.directory;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/** Who maintains a directory entry: whose queue its verification and correction Tasks land in. */
public final class DirectoryEntries {

	private DirectoryEntries() {}

	public static Optional<Reference> owningOrganization(IBaseResource entry) {
		Reference owner = null;
		if (entry instanceof HealthcareService service) {
			owner = service.getProvidedBy();
		} else if (entry instanceof Location location) {
			owner = location.getManagingOrganization();
		} else if (entry instanceof Organization organization) {
			owner = new Reference("Organization/" + organization.getIdElement().getIdPart());
		}
		return owner == null || !owner.hasReference() ? Optional.empty() : Optional.of(new Reference(owner.getReference()));
	}
}
