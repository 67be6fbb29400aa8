package org.sdoh.hub.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CanonicalType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Merges our declared conformance ({@code ig/CapabilityStatement-sdoh-hub.json}: the Gravity
 * profiles we support per resource type, the IG CapabilityStatements we instantiate) into the
 * CapabilityStatement HAPI generates from the live server, so /metadata tells the truth about both.
 */
@Component
@Interceptor
public class CapabilityStatementEnricher {

	static final String DECLARATION = "ig/CapabilityStatement-sdoh-hub.json";

	private final CapabilityStatement declared;

	public CapabilityStatementEnricher(FhirContext fhirContext) {
		try (InputStream in = new ClassPathResource(DECLARATION).getInputStream()) {
			this.declared = fhirContext.newJsonParser().parseResource(CapabilityStatement.class, in);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + DECLARATION, e);
		}
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void enrich(IBaseConformance generated) {
		CapabilityStatement statement = (CapabilityStatement) generated;
		statement.setUrl(declared.getUrl());
		statement.setName(declared.getName());
		statement.setTitle(declared.getTitle());
		statement.setPublisher(declared.getPublisher());
		statement.getSoftware().setName(declared.getSoftware().getName());
		declared.getInstantiates().forEach(c -> statement.addInstantiates(c.getValue()));
		declared.getImplementationGuide().forEach(c -> statement.addImplementationGuide(c.getValue()));
		for (CapabilityStatementRestComponent rest : statement.getRest()) {
			for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
				declaredResource(resource.getType()).ifPresent(d -> addProfiles(resource, d));
			}
		}
	}

	private Optional<CapabilityStatementRestResourceComponent> declaredResource(String type) {
		return declared.getRestFirstRep().getResource().stream()
				.filter(r -> type.equals(r.getType()))
				.findFirst();
	}

	private static void addProfiles(
			CapabilityStatementRestResourceComponent target, CapabilityStatementRestResourceComponent source) {
		for (CanonicalType profile : source.getSupportedProfile()) {
			boolean present = target.getSupportedProfile().stream().anyMatch(p -> profile.getValue().equals(p.getValue()));
			if (!present) {
				target.addSupportedProfile(profile.getValue());
			}
		}
	}
}
