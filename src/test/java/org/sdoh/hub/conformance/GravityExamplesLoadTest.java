package org.sdoh.hub.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;

/**
 * The 58 official Gravity IG examples (../shared/gravity-examples) load with their own ids in one
 * transaction (so every reference between them must resolve) and read back equal apart from meta.
 */
class GravityExamplesLoadTest extends FhirServerTestBase {

	private static final Path EXAMPLES = sharedFolder("gravity-examples");

	@Test
	void allOfficialExamplesLoadWithResolvedReferencesAndReadBackUnchanged() {
		List<Resource> examples = readExamples();
		assertThat(examples).hasSize(58);
		Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
		for (Resource example : examples) {
			String url = example.fhirType() + "/" + example.getIdElement().getIdPart();
			transaction.addEntry().setFullUrl(url).setResource(example.copy()).getRequest().setMethod(HTTPVerb.PUT).setUrl(url);
		}

		Bundle response = client.transaction().withBundle(transaction).execute();

		assertThat(response.getEntry()).hasSize(58);
		for (Resource example : examples) {
			Resource stored = (Resource) client.read().resource(example.getClass()).withId(example.getIdElement().getIdPart()).execute();
			assertThat(withoutMeta(stored).equalsDeep(withoutMeta(example)))
					.as("%s/%s reads back equal apart from meta:%nexpected %s%nactual   %s",
							example.fhirType(), example.getIdElement().getIdPart(), encode(withoutMeta(example)), encode(withoutMeta(stored)))
					.isTrue();
		}
	}

	private Resource withoutMeta(Resource resource) {
		Resource copy = resource.copy();
		copy.setMeta(null);
		copy.setIdElement(new org.hl7.fhir.r4.model.IdType(resource.getIdElement().getIdPart()));
		return copy;
	}

	private String encode(Resource resource) {
		return fhirContext.newJsonParser().encodeResourceToString(resource);
	}

	private List<Resource> readExamples() {
		try (Stream<Path> files = Files.list(EXAMPLES)) {
			return files.filter(f -> f.toString().endsWith(".json")).sorted().map(this::parse).toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private Resource parse(Path file) {
		try {
			return (Resource) fhirContext.newJsonParser().parseResource(Files.readString(file));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
