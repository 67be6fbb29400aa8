package org.sdoh.hub.screening;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sdoh.hub.support.FhirServerTestBase;

/**
 * Every CodeSystem and ValueSet shipped in terminology/ answers $expand, $validate-code and $lookup
 * from the server's own database: no terminology server, no internet, no LOINC/SNOMED CT load.
 */
class ShippedTerminologyTest extends FhirServerTestBase {

	private static final FhirContext R4 = FhirContext.forR4Cached();

	static Stream<Named<ValueSet>> shippedValueSets() {
		return shipped(ValueSet.class);
	}

	static Stream<Named<CodeSystem>> shippedCodeSystems() {
		return shipped(CodeSystem.class);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shippedValueSets")
	void expandListsExactlyTheEnumeratedCodes(ValueSet shipped) {
		ValueSet expanded = client.operation().onType(ValueSet.class).named("$expand")
				.withParameter(Parameters.class, "url", new UriType(shipped.getUrl()))
				.returnResourceType(ValueSet.class).execute();

		assertThat(expanded.getExpansion().getContains())
				.extracting(c -> c.getSystem() + "|" + c.getCode())
				.containsExactlyInAnyOrderElementsOf(members(shipped));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shippedValueSets")
	void validateCodeAcceptsEveryMemberAndRefusesAForeignCode(ValueSet shipped) {
		for (String member : members(shipped)) {
			String[] systemAndCode = member.split("\\|");
			assertThat(validate(shipped.getUrl(), systemAndCode[0], systemAndCode[1])).as(member).isTrue();
		}
		String system = shipped.getCompose().getIncludeFirstRep().getSystem();
		assertThat(validate(shipped.getUrl(), system, "not-a-member")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("shippedCodeSystems")
	void lookupGivesTheDisplayOfEveryCode(CodeSystem shipped) {
		for (var concept : shipped.getConcept()) {
			Parameters in = new Parameters();
			in.addParameter().setName("system").setValue(new UriType(shipped.getUrl()));
			in.addParameter().setName("code").setValue(new CodeType(concept.getCode()));
			Parameters out = client.operation().onType(CodeSystem.class).named("$lookup").withParameters(in).execute();

			assertThat(((StringType) out.getParameter("display").getValue()).getValue())
					.as(concept.getCode()).isEqualTo(concept.getDisplay());
		}
	}

	private boolean validate(String valueSetUrl, String system, String code) {
		Parameters in = new Parameters();
		in.addParameter().setName("url").setValue(new UriType(valueSetUrl));
		in.addParameter().setName("system").setValue(new UriType(system));
		in.addParameter().setName("code").setValue(new CodeType(code));
		Parameters out = client.operation().onType(ValueSet.class).named("$validate-code").withParameters(in).execute();
		return ((BooleanType) out.getParameter("result").getValue()).booleanValue();
	}

	/** system|code of every member: the enumerated concepts, or all codes of a shipped code system included whole. */
	private static List<String> members(ValueSet valueSet) {
		return valueSet.getCompose().getInclude().stream()
				.flatMap(include -> (include.hasConcept() ? include.getConcept().stream().map(c -> c.getCode())
								: codesOf(include.getSystem()))
						.map(code -> include.getSystem() + "|" + code))
				.toList();
	}

	private static Stream<String> codesOf(String codeSystemUrl) {
		return shipped(CodeSystem.class).map(Named::getPayload).filter(cs -> cs.getUrl().equals(codeSystemUrl))
				.flatMap(cs -> cs.getConcept().stream().map(c -> c.getCode()));
	}

	/** The files themselves, so that a file added to terminology/ is tested without touching this class. */
	private static <T extends IBaseResource> Stream<Named<T>> shipped(Class<T> type) {
		try (Stream<Path> files = Files.walk(Path.of("terminology"))) {
			return files.filter(f -> f.getFileName().toString().startsWith(type.getSimpleName() + "-"))
					.sorted()
					.map(ShippedTerminologyTest::read)
					.filter(type::isInstance)
					.map(type::cast)
					.map(resource -> Named.of(resource.getIdElement().getIdPart(), resource))
					.toList()
					.stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static IBaseResource read(Path file) {
		try {
			return R4.newJsonParser().parseResource(Files.readString(file));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
