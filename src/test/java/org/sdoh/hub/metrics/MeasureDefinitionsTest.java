package org.sdoh.hub.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Measure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Measure resources in ig/measures/ say what the code computes: same ids, scoring, groups and stratifiers. */
class MeasureDefinitionsTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@ParameterizedTest
	@EnumSource(ReferralMeasure.class)
	void theIgMeasureDescribesTheComputedGroupsAndStratifiers(ReferralMeasure computed) throws IOException {
		Measure published = FHIR.newJsonParser().parseResource(Measure.class,
				Files.readString(Path.of("ig/measures/Measure-" + computed.id() + ".json")));

		assertThat(published.getUrl()).isEqualTo(computed.url());
		assertThat(published.getScoring().getCodingFirstRep().getCode()).isEqualTo(computed.scoring());
		assertThat(published.getGroup()).extracting(g -> g.getCode().getCodingFirstRep().getCode())
				.containsExactlyElementsOf(computed.groups().stream().map(ReferralMeasure.Group::code).toList());
		for (int g = 0; g < computed.groups().size(); g++) {
			Measure.MeasureGroupComponent group = published.getGroup().get(g);
			assertThat(group.getPopulation()).extracting(p -> p.getCode().getCodingFirstRep().getCode())
					.containsExactlyElementsOf(computed.groups().get(g).populations().stream().map(ReferralMeasure.Population::code).toList());
			assertThat(group.getStratifier()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
					.containsExactlyElementsOf(computed.stratifiers().stream().map(Stratifier::code).toList());
		}
	}
}
