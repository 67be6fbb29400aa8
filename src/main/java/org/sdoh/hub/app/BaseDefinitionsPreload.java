package org.sdoh.hub.app;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.jpa.searchparam.extractor.ISearchParamExtractor;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

/**
 * Parses the FHIR R4 base definitions (every StructureDefinition of the specification, which HAPI's
 * search parameter extraction needs before the first write) on a second thread while Spring builds
 * the rest of the context: seconds of single-threaded start-up otherwise. HAPI keeps those
 * definitions in one cache per FHIR version, so whoever parses first fills it for all.
 *
 * <p>{@link #start()} is called from {@code main}; the post-processor waits for the result before
 * HAPI's extractor initializes, so the extractor never parses them a second time concurrently and
 * sees them fully built. Without {@link #start()} (tests starting the context themselves) it does
 * nothing.
 */
public final class BaseDefinitionsPreload implements BeanPostProcessor, PriorityOrdered {

	private static volatile CompletableFuture<Void> preload;

	static void start() {
		preload = CompletableFuture.runAsync(
				() -> new DefaultProfileValidationSupport(FhirContext.forR4Cached()).fetchAllStructureDefinitions(),
				runnable -> {
					Thread thread = new Thread(runnable, "base-definitions-preload");
					thread.setDaemon(true);
					thread.start();
				});
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		CompletableFuture<Void> running = preload;
		if (running != null && bean instanceof ISearchParamExtractor) {
			running.exceptionally(failure -> null).join(); // on failure HAPI simply parses them itself
		}
		return bean;
	}

	/** Before the post-processor that runs HAPI's {@code @PostConstruct} methods. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}
}
