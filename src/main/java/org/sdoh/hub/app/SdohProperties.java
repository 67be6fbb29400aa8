package org.sdoh.hub.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The one typed configuration tree of the server ({@code sdoh.*}). Every value has a default that is
 * right for the embedded quick start; a wrong value stops the server at start-up with a message
 * naming the property. The README lists every property and its environment variable.
 */
@Validated
@ConfigurationProperties("sdoh")
public record SdohProperties(
		@NotBlank @DefaultValue("./data") String dataDir,
		@Valid @NotNull @DefaultValue Api api,
		@Valid @NotNull @DefaultValue Validation validation,
		@Valid @NotNull @DefaultValue List<FhirPackage> packages,
		@Valid @NotNull @DefaultValue Demo demo,
		@Valid @NotNull @DefaultValue Referral referral) {

	/** How the FHIR REST API behaves towards clients. */
	public record Api(
			/** Public base URL used in links; empty means "derive from the incoming request". */
			@DefaultValue("") String publicBaseUrl,
			@NotNull @DefaultValue("10MB") DataSize maxRequestSize,
			@Min(1) @Max(1000) @DefaultValue("20") int defaultPageSize,
			@Min(1) @Max(1000) @DefaultValue("200") int maxPageSize,
			@DefaultValue("true") boolean openApiEnabled,
			/** Page searches with _offset (always current, nothing stored) instead of HAPI's cached result sets. */
			@DefaultValue("true") boolean offsetPaging) {}

	/** Profile validation of incoming resources against installed StructureDefinitions. */
	public record Validation(@NotNull @DefaultValue("OFF") ValidationMode mode) {}

	public enum ValidationMode {
		/** No profile validation (workflow rules still apply). */
		OFF,
		/** Validate; problems are returned as OperationOutcome warnings, the write succeeds. */
		WARN,
		/** Validate; any error refuses the write with 422 and an OperationOutcome. */
		REJECT
	}

	/**
	 * A FHIR package to install at start-up with HAPI's package installer. {@code location} is empty
	 * to fetch {@code name#version} from the FHIR package registry, or a local {@code .tgz} file or
	 * folder (absolute, relative to the working directory, or {@code classpath:}) for offline sites.
	 */
	public record FhirPackage(
			@NotBlank String name, @NotBlank String version, @DefaultValue("") String location) {

		public String id() {
			return name + "#" + version;
		}
	}

	/** Referral workflow behaviour. */
	public record Referral(
			/** Keep ServiceRequest.status in step with its referral Tasks (completed / revoked). */
			@DefaultValue("true") boolean syncServiceRequestStatus,
			@Valid @NotNull @DefaultValue Escalation escalation) {}

	/** When an unanswered referral is flagged overdue, and how often that is checked. */
	public record Escalation(
			@Min(1) @Max(60) @DefaultValue("2") int businessDays,
			@NotBlank @DefaultValue("America/New_York") String timeZone,
			@NotNull @DefaultValue("PT5M") java.time.Duration checkInterval) {}

	/** The small demo network for the quick start, loaded once into an empty database. */
	public record Demo(@DefaultValue("false") boolean enabled) {}
}
