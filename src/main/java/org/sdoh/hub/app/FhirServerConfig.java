package org.sdoh.hub.app;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative.INarrativeGenerator;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.SearchPreferHandlingInterceptor;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.sdoh.hub.audit.AuditEventProvider;
import org.sdoh.hub.audit.BalpCapture;
import org.sdoh.hub.audit.RequestAudit;
import org.sdoh.hub.consent.ReferralConsentService;
import org.sdoh.hub.consent.WithheldNotice;
import org.sdoh.hub.security.OrganizationScopeInterceptor;
import org.sdoh.hub.security.PatientScopeNarrowing;
import org.sdoh.hub.security.ScopeAuthorization;
import org.sdoh.hub.security.SmartConfigurationServlet;
import org.sdoh.hub.security.SubscriptionRules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.sdoh.hub.conformance.CapabilityStatementEnricher;
import org.sdoh.hub.conformance.ProfileValidation;
import org.sdoh.hub.directory.CapacityCheckInterceptor;
import org.sdoh.hub.directory.CapacityOperationProvider;
import org.sdoh.hub.directory.DirectoryTaskInterceptor;
import org.sdoh.hub.directory.FindOperationProvider;
import org.sdoh.hub.directory.StaleEntryMarker;
import org.sdoh.hub.directory.hsds.HsdsOperationProvider;
import org.sdoh.hub.inputsafety.RequestBodyLimitFilter;
import org.sdoh.hub.inputsafety.RequestEncodingGuard;
import org.sdoh.hub.notification.EmailNotificationDelivery;
import org.sdoh.hub.notification.RestHookAcknowledgement;
import org.sdoh.hub.metrics.EvaluateMeasureOperation;
import org.sdoh.hub.metrics.ReferralMeasureEvaluator;
import org.sdoh.hub.metrics.ReferralProjection;
import org.sdoh.hub.notification.SubscriptionStatusOperation;
import org.sdoh.hub.referral.ReferralTaskInterceptor;
import org.sdoh.hub.referral.ServiceRequestStatusSync;
import org.sdoh.hub.screening.DomainCodeInterceptor;
import org.sdoh.hub.screening.QuestionnaireResponseExtractProvider;
import org.sdoh.hub.storage.IfMatchPreconditionInterceptor;
import org.sdoh.hub.storage.OffsetPagingInterceptor;
import org.sdoh.hub.storage.ServedResourceTypes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * THE registration point: every HAPI provider and interceptor the server uses is registered here,
 * in request order. To find where a feature plugs into HAPI, start reading here.
 */
@Configuration
public class FhirServerConfig {

	public static final String FHIR_BASE_PATH = "/fhir";

	/** HAPI's REST server with every provider and interceptor; served by {@link RestfulServerFront}. */
	@Bean
	public RestfulServerFront.Backend restfulServer(
			SdohProperties properties,
			IFhirSystemDao<?, ?> systemDao,
			DaoRegistry daoRegistry,
			ResourceProviderFactory resourceProviders,
			IJpaSystemProvider systemProvider,
			ValueSetOperationProvider valueSetOperations,
			DatabaseBackedPagingProvider pagingProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			RequestEncodingGuard requestEncodingGuard,
			CapabilityStatementEnricher capabilityStatementEnricher,
			ProfileValidation profileValidation,
			IInterceptorService storageInterceptors,
			ReferralTaskInterceptor referralTaskRules,
			MatchUrlService matchUrlService,
			BalpCapture balpAudit,
			RequestAudit requestAudit,
			AuditEventProvider auditTrail,
			ObjectProvider<EmailNotificationDelivery> emailNotifications,
			SubscriptionStatusOperation subscriptionStatus,
			QuestionnaireResponseExtractProvider screeningExtract,
			FindOperationProvider directoryFind,
			CapacityOperationProvider directoryCapacity,
			HsdsOperationProvider hsdsInterchange,
			ReferralMeasureEvaluator referralMeasures,
			ReferralProjection referralProjection) {
		daoRegistry.setSupportedResourceTypes(ServedResourceTypes.ALL);
		RestfulServer server = new RestfulServer(systemDao.getContext());
		// Narratives are the sender's business; generating them costs time on every write.
		systemDao.getContext().setNarrativeGenerator((INarrativeGenerator) null);
		// Contained resources arrive in Resource.contained; nothing here links id-less Java objects that
		// the parser should contain on its own. Skipping that scan saves a walk of every resource on
		// every encode and index (HAPI documents it as a cost for large result sets).
		systemDao.getContext().getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
		server.setDefaultPrettyPrint(false);
		server.setPagingProvider(pagingProvider);
		server.setServerAddressStrategy(
				properties.api().publicBaseUrl().isBlank()
						? new IncomingRequestAddressStrategy()
						: new HardcodedServerAddressStrategy(properties.api().publicBaseUrl()));

		// Providers: the JPA resource types, system-level operations (transaction, history), terminology
		// and the subscription status operation.
		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		server.registerProvider(valueSetOperations);
		server.registerProvider(subscriptionStatus); // Subscription/[id]/$status (Subscriptions Backport)
		server.registerProvider(screeningExtract); // QuestionnaireResponse/$extract (screening instruments)
		server.registerProvider(directoryFind); // HealthcareService/$find: near a point, ranked by distance
		server.registerProvider(directoryCapacity); // HealthcareService/{id}/$set-capacity
		server.registerProvider(hsdsInterchange); // $hsds-import, $hsds-export (Open Referral HSDS 3.x)
		server.registerProvider(auditTrail); // AuditEvent read/search over the audit store (read-only)
		server.registerProvider(new EvaluateMeasureOperation(
				referralMeasures, properties.metrics().smallCountThreshold())); // referral metrics as MeasureReports

		JpaCapabilityStatementProvider capabilityStatement = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilityStatement.setImplementationDescription("SDOH Referral Hub (HL7 Gravity SDOH Clinical Care)");
		// Resource counts would cost a count query per type on /metadata and tell anonymous callers
		// how many patients and referrals the network holds.
		capabilityStatement.setIncludeResourceCounts(false);
		server.setServerConformanceProvider(capabilityStatement);

		// Interceptors, in the order a request meets them. Spring Security has already checked the
		// token (security/WebSecurityConfig); what it allows is decided here.
		server.registerInterceptor(requestEncodingGuard); // wrong Content-Type -> 415
		if (properties.security().enabled()) {
			server.registerInterceptor(new OrganizationScopeInterceptor(daoRegistry, matchUrlService)); // own organization's referrals only
			server.registerInterceptor(new PatientScopeNarrowing(server.getFhirContext())); // patient apps: own data only
			server.registerInterceptor(new SubscriptionRules()); // ids-only payloads, own subscriptions
		}
		server.registerInterceptor(new ScopeAuthorization()); // SMART scopes -> 403; audit trail read-only
		if (properties.security().enabled()) {
			server.registerInterceptor(new ConsentInterceptor(
					new ReferralConsentService(daoRegistry, properties.consent().treatmentDisclosure()))); // withhold without consent
			server.registerInterceptor(new WithheldNotice()); // "n resources withheld"
		}
		if (properties.audit().enabled()) {
			server.registerInterceptor(requestAudit); // one audit record per request, refusals included
			server.registerInterceptor(balpAudit); // ... described by BALP AuditEvents, stored asynchronously
		}
		server.registerInterceptor(new SearchPreferHandlingInterceptor(searchParamRegistry)); // unknown search params -> 400 (strict)
		if (properties.api().offsetPaging()) {
			server.registerInterceptor(new OffsetPagingInterceptor()); // searches page by _offset, nothing cached
		}
		profileValidation.interceptor().ifPresent(server::registerInterceptor); // profiles: off | warn | reject
		server.registerInterceptor(capabilityStatementEnricher); // Gravity profiles in /metadata
		server.registerInterceptor(new IfMatchPreconditionInterceptor()); // stale If-Match -> 412, not 409
		// Directory entries out: tagged stale when not verified recently; the tag never goes into storage.
		server.registerInterceptor(new StaleEntryMarker(properties.directory().staleAfter()));
		if (properties.api().openApiEnabled()) {
			server.registerInterceptor(new OpenApiInterceptor()); // /fhir/swagger-ui/, /fhir/api-docs
		}

		// Storage-level rules run for every write, REST or internal (transactions, PATCH, start-up
		// loading), so they are registered with HAPI's JPA interceptor service, not the REST server.
		storageInterceptors.registerInterceptor(referralTaskRules); // referral Task workflow -> 422
		storageInterceptors.registerInterceptor(new RestHookAcknowledgement()); // a plain 2xx from a rest-hook is delivered
		emailNotifications.ifAvailable(storageInterceptors::registerInterceptor); // e-mail channel: link + id, no PHI
		storageInterceptors.registerInterceptor(new DomainCodeInterceptor(systemDao.getContext(), validationSupport,
				properties.screening().domainCodeCheck())); // SDOH domain value sets (serv/cond/proc-1/2) -> 422
		storageInterceptors.registerInterceptor(new CapacityCheckInterceptor(
				systemDao.getContext(), daoRegistry, properties.directory().capacityPolicy())); // referral to a full service: warn | 422
		storageInterceptors.registerInterceptor(new DirectoryTaskInterceptor(
				systemDao.getContext(), daoRegistry)); // verification/correction Tasks -> owning organization's queue
		storageInterceptors.registerInterceptor(referralProjection); // referral metrics follow Task versions
		if (properties.referral().syncServiceRequestStatus()) {
			storageInterceptors.registerInterceptor(new ServiceRequestStatusSync(daoRegistry)); // SR follows its Tasks
		}
		return new RestfulServerFront.Backend(server);
	}

	@Bean
	public ServletRegistrationBean<RestfulServerFront> fhirServlet(ObjectProvider<RestfulServerFront.Backend> restfulServer) {
		ServletRegistrationBean<RestfulServerFront> registration =
				new ServletRegistrationBean<>(new RestfulServerFront(restfulServer), FHIR_BASE_PATH + "/*");
		registration.setLoadOnStartup(1);
		return registration;
	}

	/** SMART App Launch discovery, public, only when tokens are required. */
	@Bean
	@ConditionalOnProperty(name = "sdoh.security.enabled", havingValue = "true")
	public ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(SdohProperties properties, ObjectMapper json) {
		List<String> scopes = List.of("openid", "fhirUser", "launch/patient", "offline_access",
				"system/*.rs", "system/Task.rus", "system/ServiceRequest.cruds", "user/*.rs", "user/Task.rus", "patient/*.rs");
		return new ServletRegistrationBean<>(
				new SmartConfigurationServlet(properties.security().primaryIssuer(), scopes, json), SmartConfigurationServlet.PATH);
	}

	/** Bodies over the configured limit are refused before HAPI parses them. */
	@Bean
	public FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
			FhirContext fhirContext, SdohProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(fhirContext, properties.api().maxRequestSize()));
		registration.addUrlPatterns(FHIR_BASE_PATH + "/*");
		return registration;
	}
}
