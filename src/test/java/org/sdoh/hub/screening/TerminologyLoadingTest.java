package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Questionnaire;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.conformance.ConformanceContentLoader;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * terminology/ is loaded at every start by id: loading unchanged files again makes no new version, a
 * stored copy that differs from its file is brought back to the file (a changed file updates the stored
 * version), and our STU3 CodeSystem is the current version next to the IG package's 2.0.0-update one.
 */
class TerminologyLoadingTest extends FhirServerTestBase {

	private static final String SDOHCC_CODES = "CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
	/** Changing a Questionnaire has no terminology side effects on the shared server. */
	private static final String AHC_HRSN = "Questionnaire/ahc-hrsn-core";

	@Autowired
	private ConformanceContentLoader loader;

	@Test
	void loadingUnchangedFilesAgainMakesNoNewVersion() {
		String before = version();

		loader.load();

		assertThat(version()).isEqualTo(before);
	}

	@Test
	void aStoredCopyThatDiffersFromItsFileIsUpdatedToTheFileOnLoad() {
		Questionnaire stored = client.read().resource(Questionnaire.class).withId(AHC_HRSN).execute();
		String title = stored.getTitle();
		client.update().resource(stored.setTitle("Changed behind the file's back")).execute();
		long changed = Long.parseLong(client.read().resource(Questionnaire.class).withId(AHC_HRSN).execute().getMeta().getVersionId());

		loader.load();

		Questionnaire reloaded = client.read().resource(Questionnaire.class).withId(AHC_HRSN).execute();
		assertThat(reloaded.getTitle()).isEqualTo(title);
		assertThat(Long.parseLong(reloaded.getMeta().getVersionId())).isEqualTo(changed + 1);
	}

	@Test
	void theStu3CodeSystemIsStoredOnceNextToThePackagesOlderVersion() {
		Bundle found = client.search().byUrl("CodeSystem?url=" + SdohDomain.CODE_SYSTEM).returnBundle(Bundle.class).execute();

		assertThat(found.getEntry()).extracting(entry -> ((CodeSystem) entry.getResource()).getVersion())
				.containsExactlyInAnyOrder("3.0.0", "2.0.0-update");
		assertThat(found.getEntry()).filteredOn(entry -> entry.getResource().getIdElement().getIdPart()
						.equals("SDOHCC-CodeSystemTemporaryCodes"))
				.singleElement().satisfies(entry -> assertThat(((CodeSystem) entry.getResource()).getConcept()).hasSize(58));
	}

	private String version() {
		return client.read().resource(CodeSystem.class).withId(SDOHCC_CODES).execute().getMeta().getVersionId();
	}
}
