package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.conformance.ConformanceContentLoader;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * terminology/ is loaded at every start by id: loading unchanged files again makes no new version, a
 * stored copy that differs from its file is brought back to the file (a changed file updates the stored
 * version), and our CodeSystem replaces the IG package's one instead of sitting next to it.
 */
class TerminologyLoadingTest extends FhirServerTestBase {

	private static final String SDOHCC_CODES = "CodeSystem/SDOHCC-CodeSystemTemporaryCodes";

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
		CodeSystem stored = client.read().resource(CodeSystem.class).withId(SDOHCC_CODES).execute();
		client.update().resource(stored.setTitle("Changed behind the file's back")).execute();
		long changed = Long.parseLong(version());

		loader.load();

		CodeSystem reloaded = client.read().resource(CodeSystem.class).withId(SDOHCC_CODES).execute();
		assertThat(reloaded.getTitle()).isEqualTo("SDOHCC CodeSystem Temporary Codes");
		assertThat(Long.parseLong(reloaded.getMeta().getVersionId())).isEqualTo(changed + 1);
	}

	@Test
	void theSdohccCodeSystemIsStoredOnceWithTheStu3Codes() {
		Bundle found = client.search().byUrl("CodeSystem?url=" + SdohDomain.CODE_SYSTEM).returnBundle(Bundle.class).execute();

		assertThat(found.getEntry()).singleElement().satisfies(entry ->
				assertThat(((CodeSystem) entry.getResource()).getConcept()).hasSize(58));
	}

	private String version() {
		return client.read().resource(CodeSystem.class).withId(SDOHCC_CODES).execute().getMeta().getVersionId();
	}
}
