package org.sdoh.hub.app;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
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
		@Valid @NotNull @DefaultValue Referral referral,
		@Valid @NotNull @DefaultValue Security security,
		@Valid @NotNull @DefaultValue Consent consent,
		@Valid @NotNull @DefaultValue Audit audit,
		@Valid @NotNull @DefaultValue Notification notification,
		@Valid @NotNull @DefaultValue Screening screening,
		@Valid @NotNull @DefaultValue Directory directory,
		@Valid @NotNull @DefaultValue Metrics metrics,
		/** Stop as soon as the server is ready: the training run of server/fast-start.sh. */
		@DefaultValue("false") boolean exitWhenReady) {

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

	/**
	 * Subscription notifications. HAPI queues every change in the database and hands the queue to
	 * matching every {@code submissionInterval} (its default, 5 s, would be most of a notification's
	 * latency); then the e-mail channel, and redelivery after a failure.
	 */
	public record Notification(
			@NotNull @DefaultValue("PT0.25S") java.time.Duration submissionInterval,
			@Valid @NotNull @DefaultValue Email email,
			@Valid @NotNull @DefaultValue Retry retry) {}

	/**
	 * SMTP server for {@code Subscription.channel.type = email}. An empty host leaves the e-mail
	 * channel off (Subscriptions asking for it are refused).
	 */
	public record Email(
			@DefaultValue("") String host,
			@Min(1) @Max(65535) @DefaultValue("587") int port,
			/** Sender address; required when the host is set. */
			@DefaultValue("") String from,
			@DefaultValue("") String username,
			@DefaultValue("") String password,
			/** Require STARTTLS; off only for a relay on the same host or network. */
			@DefaultValue("true") boolean starttls) {

		public boolean enabled() {
			return !host.isBlank();
		}

		@jakarta.validation.constraints.AssertTrue(message = "sdoh.notification.email.from is required when the e-mail host is set")
		public boolean isFromSetWhenEnabled() {
			return !enabled() || !from.isBlank();
		}
	}

	/**
	 * Redelivery of a notification whose delivery failed (endpoint down, 5xx, SMTP error): up to
	 * {@code maxAttempts} tries in all, waiting {@code initialBackoff}, then {@code multiplier} times
	 * longer each time, at most {@code maxBackoff}.
	 */
	public record Retry(
			@Min(1) @Max(100) @DefaultValue("6") int maxAttempts,
			@NotNull @DefaultValue("PT1S") java.time.Duration initialBackoff,
			@jakarta.validation.constraints.DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
			@NotNull @DefaultValue("PT1M") java.time.Duration maxBackoff) {}

	/** Screening and SDOH terminology. */
	public record Screening(
			/** What happens to a Condition/Procedure/ServiceRequest whose code is outside its SDOH domain's value set. */
			@NotNull @DefaultValue("REJECT") DomainCodeCheck domainCodeCheck,
			/** HAPI's background pre-expansion of stored ValueSets; worth it only for large ones (VSAC, LOINC/SNOMED CT filters). */
			@DefaultValue("false") boolean preExpandValueSets) {}

	public enum DomainCodeCheck {
		/** Refuse the write with 422 naming the value set. */
		REJECT,
		/** Store it; the response header X-SDOH-Domain-Code-Warning says which value set the code is not in. */
		WARN
	}

	/** The community resource directory: finding services, freshness, capacity. */
	public record Directory(
			/** An entry not verified for this long is stale: tagged in results, a verification Task is created. */
			@NotNull @DefaultValue("180d") java.time.Duration staleAfter,
			/** How often stale entries are looked for (ISO-8601 duration). */
			@NotNull @DefaultValue("PT1H") java.time.Duration verificationCheckInterval,
			/** What creating a referral Task for a service at no-capacity does. */
			@NotNull @DefaultValue("WARN") CapacityPolicy capacityPolicy,
			/** $find radius when the caller gives none, and the largest radius accepted (km). */
			@DecimalMin("0.1") @DefaultValue("10") double defaultRadiusKm,
			@DecimalMin("0.1") @DefaultValue("100") double maxRadiusKm,
			/** Where $find turns an address the directory's own Locations do not know into coordinates. */
			@Valid @NotNull @DefaultValue Geocoder geocoder) {}

	/**
	 * A Nominatim-compatible geocoder ({@code GET {url}/search?format=jsonv2&postalcode=...}), asked
	 * only when no directory Location matches the address. Off (empty url) by default: the address a
	 * navigator types may be a client's home address, and it would leave the server.
	 */
	public record Geocoder(
			@DefaultValue("") String url,
			@NotNull @DefaultValue("PT5S") java.time.Duration timeout,
			/** Nominatim's usage policy asks every client to identify itself. */
			@NotBlank @DefaultValue("sdoh-referral-hub") String userAgent) {

		public boolean enabled() {
			return !url.isBlank();
		}
	}

	public enum CapacityPolicy {
		/** The referral is stored; the response carries an OperationOutcome warning. */
		WARN,
		/** The referral is refused with 422. */
		REFUSE
	}

	/**
	 * The small demo network for the quick start, loaded once into an empty database, with
	 * {@code historyReferrals} generated referrals spread over the past months for the metrics page.
	 */
	public record Demo(@DefaultValue("false") boolean enabled, @Min(0) @Max(5000) @DefaultValue("300") int historyReferrals) {}

	/**
	 * Bearer-token authentication. Off only for the loopback-bound quick start (the server refuses to
	 * start off on any other address). Tokens must come from one of {@code issuers} and name
	 * {@code audience}; the caller's organization is the {@code organizationClaim} claim.
	 */
	public record Security(
			@DefaultValue("false") boolean enabled,
			@Valid @NotNull @DefaultValue List<TrustedIssuer> issuers,
			@NotBlank @DefaultValue("sdoh-fhir-api") String audience,
			@NotBlank @DefaultValue("fhir_organization") String organizationClaim,
			@NotBlank @DefaultValue("fhirUser") String fhirUserClaim,
			/** Realm roles of callers allowed everything (data migration, network operations). */
			@NotNull @DefaultValue("network-admin") List<String> adminRoles,
			/** Realm roles that read the audit trail. */
			@NotNull @DefaultValue("auditor") List<String> auditorRoles,
			/** Realm roles acting for the owner (CBO) side of referrals; all others act for the requester side. */
			@NotNull @DefaultValue({"cbo-staff", "cbo-system"}) List<String> ownerSideRoles) {

		/** The issuer SMART discovery points clients to (the first trusted one). */
		public TrustedIssuer primaryIssuer() {
			return issuers.isEmpty() ? null : issuers.get(0);
		}
	}

	/**
	 * An OpenID Connect issuer whose tokens are accepted. {@code jwkSetUri} defaults to Keycloak's
	 * certificate endpoint below the issuer; set it when the server reaches the issuer by another
	 * address than the one in the tokens (e.g. inside docker-compose).
	 */
	public record TrustedIssuer(@NotBlank String issuerUri, @DefaultValue("") String jwkSetUri) {

		public String effectiveJwkSetUri() {
			return jwkSetUri.isBlank() ? issuerUri + "/protocol/openid-connect/certs" : jwkSetUri;
		}
	}

	/** How Consent is enforced (see README "Security"). */
	public record Consent(
			/**
			 * Release a referred client's non-sensitive supporting information (the ServiceRequest's
			 * supportingInfo) to the CBO that owns the referral Task without a Consent naming it, as
			 * disclosure for treatment. Sensitive-labelled data always needs a Consent.
			 */
			@DefaultValue("false") boolean treatmentDisclosure) {}

	/** The audit trail (IHE BALP AuditEvents, stored in this server). */
	public record Audit(
			@DefaultValue("true") boolean enabled,
			@Min(100) @DefaultValue("10000") int queueCapacity,
			/** At most this many waiting events are stored in one database transaction. */
			@Min(1) @Max(1000) @DefaultValue("100") int batchSize) {}

	/**
	 * Referral metrics (MeasureReports): strata with fewer referrals than {@code smallCountThreshold}
	 * are masked for organizations; {@code holidays} are the days that are no business days.
	 */
	public record Metrics(
			@Min(1) @Max(100) @DefaultValue("5") int smallCountThreshold,
			@Valid @NotNull @DefaultValue Holidays holidays) {}

	/**
	 * Days that count as no business day, besides Saturday and Sunday, for the metrics' response
	 * times and the escalation deadline alike: the US federal holidays as observed (computed by rule
	 * for any year) unless {@code usFederal} is off, and every date in {@code dates} (yyyy-MM-dd;
	 * state holidays, a closure).
	 */
	public record Holidays(
			@DefaultValue("true") boolean usFederal,
			@NotNull @DefaultValue List<@NotNull LocalDate> dates) {}
}
