package org.sdoh.hub.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;

/**
 * When a directory entry was last verified ({@value #VERIFICATION_EXTENSION}) and whether that is
 * too long ago. An entry never verified is judged by its last update instead: a new or just edited
 * entry gets one freshness period before anyone is asked to verify it (so an import does not
 * flood every organization's queue on day one).
 */
public final class Freshness {

	public static final String VERIFICATION_EXTENSION = "http://sdoh-referral-hub.org/fhir/StructureDefinition/directory-verification";
	public static final String STATUS_SYSTEM = "http://sdoh-referral-hub.org/fhir/CodeSystem/directory-entry-status";
	public static final String STALE = "stale";
	/** The resource types that make up the directory. */
	public static final Set<String> ENTRY_TYPES = Set.of("HealthcareService", "Organization", "Location");

	private Freshness() {}

	public static Optional<Instant> verifiedAt(DomainResource entry) {
		Extension verification = entry.getExtensionByUrl(VERIFICATION_EXTENSION);
		Extension date = verification == null ? null : verification.getExtensionByUrl("date");
		if (date != null && date.getValue() instanceof DateTimeType dateTime && dateTime.getValue() != null) {
			return Optional.of(dateTime.getValue().toInstant());
		}
		return Optional.empty();
	}

	public static boolean isStale(DomainResource entry, Instant now, Duration staleAfter) {
		Optional<Instant> since = verifiedAt(entry).or(() -> Optional.ofNullable(entry.getMeta().getLastUpdated()).map(Date::toInstant));
		return since.map(at -> at.isBefore(now.minus(staleAfter))).orElse(true);
	}

	/** Records a verification, replacing the previous one (resource history keeps it). */
	public static void markVerified(DomainResource entry, Instant when, Reference verifier) {
		entry.getExtension().removeIf(e -> VERIFICATION_EXTENSION.equals(e.getUrl()));
		Extension verification = entry.addExtension().setUrl(VERIFICATION_EXTENSION);
		verification.addExtension("date", new DateTimeType(Date.from(when)));
		if (verifier != null && !verifier.isEmpty()) {
			verification.addExtension("verifier", verifier.copy());
		}
	}
}
