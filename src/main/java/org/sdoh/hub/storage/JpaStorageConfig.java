package org.sdoh.hub.storage;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HibernatePropertiesProvider;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.dao.FulltextSearchSvcImpl;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.search.HSearchSortHelperImpl;
import ca.uhn.fhir.jpa.dao.search.IHSearchSortHelper;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.HapiHSearchAnalysisConfigurers;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.Dialect;
import org.hibernate.search.backend.lucene.cfg.LuceneBackendSettings;
import org.hibernate.search.backend.lucene.cfg.LuceneIndexSettings;
import org.hibernate.search.engine.cfg.BackendSettings;
import org.hibernate.search.mapper.orm.cfg.HibernateOrmMapperSettings;
import org.sdoh.hub.app.SdohProperties;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * HAPI's JPA storage on the configured datasource (H2 file database by default, PostgreSQL with the
 * {@code postgres} profile), with Hibernate Search on a local Lucene index in both modes.
 */
@Configuration
@EnableTransactionManagement
// SubscriptionChannelConfig provides the in-JVM message broker that batch jobs (reindex after a new
// SearchParameter, terminology storage) run on.
@Import({
	JpaR4Config.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	ThreadPoolFactoryConfig.class,
	SubscriptionChannelConfig.class
})
public class JpaStorageConfig {

	@Bean
	public JpaStorageSettings jpaStorageSettings(SdohProperties properties) {
		JpaStorageSettings settings = new JpaStorageSettings();
		// Polling CBO clients must see a Task update on their very next poll: never answer a search
		// from results cached by an earlier identical search.
		settings.setReuseCachedSearchResultsForMillis(null);
		settings.setExpireSearchResultsAfterMillis(60L * 60 * 1000);
		// _content and _text (Lucene); search parameters stay in the relational indexes, which are
		// faster for the token/reference searches that worklists use.
		settings.setHibernateSearchIndexFullText(true);
		settings.setHibernateSearchIndexSearchParams(false);
		// Every reference must resolve to a stored resource: no silent placeholders.
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAllowExternalReferences(true);
		settings.setAllowMultipleDelete(false);
		settings.setDeleteExpungeEnabled(false);
		settings.setExpungeEnabled(false);
		settings.setFetchSizeDefaultMaximum(properties.api().maxPageSize());
		// Client-assigned ids (PUT Task/abc) as the IG examples and mirroring platforms use them.
		settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
		// HAPI pre-expands every stored ValueSet into its terminology tables in the background and
		// flushes the validation caches after each one: with the shipped small enumerated sets that costs
		// seconds of slow validation after every start and buys nothing. Sites loading large VSAC
		// expansions or LOINC/SNOMED CT filters turn it on.
		settings.setPreExpandValueSets(properties.screening().preExpandValueSets());
		return settings;
	}

	/** Static: it edits bean definitions before any bean (including this configuration) exists. */
	@Bean
	public static UnservedResourceTypesRemover unservedResourceTypesRemover() {
		return new UnservedResourceTypesRemover();
	}

	/** Static, like the remover: HAPI's repositories are built on first use, not during start-up. */
	@Bean
	public static LazyHapiRepositories lazyHapiRepositories() {
		return new LazyHapiRepositories();
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	/**
	 * Notifications: rest-hook delivery (the IG's SHALL for servers offering subscriptions); e-mail
	 * when an SMTP server is configured (otherwise an e-mail Subscription is refused); how often
	 * queued changes go to matching (HAPI polls its change queue; every 5 s by default).
	 */
	@Bean
	public SubscriptionSettings subscriptionSettings(SdohProperties properties) {
		SubscriptionSettings settings = new SubscriptionSettings();
		settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
		settings.setSubscriptionIntervalInMs(Math.max(50, properties.notification().submissionInterval().toMillis()));
		if (properties.notification().email().enabled()) {
			settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.EMAIL);
		}
		return settings;
	}

	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			JpaProperties jpaProperties,
			DataSource dataSource,
			SdohProperties properties) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		// Our defaults first; anything set under spring.jpa.properties (Hibernate or Hibernate Search) wins.
		Map<String, Object> hibernate = luceneSettings(Path.of(properties.dataDir(), "lucene"));
		hibernate.put(AvailableSettings.HBM2DDL_AUTO, "update");
		hibernate.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
		hibernate.put(AvailableSettings.USE_QUERY_CACHE, "false");
		// Envers keeps the history of HAPI's MDM links only; MDM is not used here, and building the Envers
		// audit mappings costs seconds of every start-up.
		hibernate.put("hibernate.integration.envers.enabled", "false");
		hibernate.putAll(jpaProperties.getProperties());
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.setJpaPropertyMap(hibernate);
		return factory;
	}

	/**
	 * Lucene on the local filesystem. {@code read-sync} makes a write visible to the next search
	 * without waiting for the index to be flushed to disk on every commit (the default
	 * {@code write-sync} halves write throughput, measured in docs/hapi-notes).
	 */
	static Map<String, Object> luceneSettings(Path indexRoot) {
		Map<String, Object> settings = new HashMap<>();
		settings.put(HibernateOrmMapperSettings.ENABLED, "true");
		settings.put(BackendSettings.backendKey(BackendSettings.TYPE), "lucene");
		settings.put(
				BackendSettings.backendKey(LuceneBackendSettings.ANALYSIS_CONFIGURER),
				HapiHSearchAnalysisConfigurers.HapiLuceneAnalysisConfigurer.class.getName());
		settings.put(BackendSettings.backendKey(LuceneIndexSettings.DIRECTORY_TYPE), "local-filesystem");
		settings.put(
				BackendSettings.backendKey(LuceneIndexSettings.DIRECTORY_ROOT),
				indexRoot.toAbsolutePath().toString());
		settings.put(BackendSettings.backendKey(LuceneBackendSettings.LUCENE_VERSION), "LUCENE_CURRENT");
		settings.put(HibernateOrmMapperSettings.INDEXING_PLAN_SYNCHRONIZATION_STRATEGY, "read-sync");
		// The index is committed to disk (fsync of every new segment file) on its single worker thread,
		// and every write waiting for read-sync queues behind that commit: with the default of one second,
		// one referral transaction in ten waited 140 ms on average (up to 360 ms) at 8 concurrent writers.
		// Every ten seconds: the waits fall to a quarter. A crash can lose the last ten seconds of index
		// changes (the database keeps them); HAPI's $reindex puts them back.
		settings.put(BackendSettings.backendKey(LuceneIndexSettings.IO_COMMIT_INTERVAL), "10000");
		// HAPI's entities need no Jandex-based discovery; building those indexes costs start-up time.
		settings.put(HibernateOrmMapperSettings.MAPPING_BUILD_MISSING_DISCOVERED_JANDEX_INDEXES, "false");
		return settings;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	@Primary
	@Bean
	public HibernatePropertiesProvider hibernatePropertiesProvider(LocalContainerEntityManagerFactoryBean factory) {
		String dialectClass = (String) factory.getJpaPropertyMap().get(AvailableSettings.DIALECT);
		if (dialectClass == null || dialectClass.isBlank()) {
			throw new IllegalStateException(
					"spring.jpa.properties.hibernate.dialect must name a HAPI dialect (HapiFhirH2Dialect or HapiFhirPostgresDialect)");
		}
		Dialect dialect;
		try {
			dialect = (Dialect) Class.forName(dialectClass).getConstructor().newInstance();
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Unknown hibernate dialect " + dialectClass, e);
		}
		return new HibernatePropertiesProvider() {
			@Override
			public Dialect getDialect() {
				return dialect;
			}
		};
	}

	@Bean
	public IFulltextSearchSvc fullTextSearchSvc() {
		return new FulltextSearchSvcImpl();
	}

	@Bean
	public IHSearchSortHelper hSearchSortHelper(ISearchParamRegistry searchParamRegistry) {
		return new HSearchSortHelperImpl(searchParamRegistry);
	}

	@Bean
	public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
		return new StaleSearchDeletingSvcImpl();
	}

	@Bean
	public DatabaseBackedPagingProvider databaseBackedPagingProvider(SdohProperties properties) {
		DatabaseBackedPagingProvider pagingProvider = new DatabaseBackedPagingProvider();
		pagingProvider.setDefaultPageSize(properties.api().defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.api().maxPageSize());
		return pagingProvider;
	}

	@Bean
	public IResourceSupportedSvc resourceSupportedSvc(DaoRegistry daoRegistry) {
		return new DaoRegistryResourceSupportedSvc(daoRegistry);
	}

	@Bean(name = "myResourceCountsCache")
	public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
		return ResourceCountCacheUtil.newResourceCountCache(systemDao);
	}

	@Bean
	public DatabaseBinaryContentStorageSvcImpl binaryStorageSvc() {
		return new DatabaseBinaryContentStorageSvcImpl();
	}
}
