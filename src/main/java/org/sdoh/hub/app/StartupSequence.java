package org.sdoh.hub.app;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import org.sdoh.hub.conformance.ConformanceContentLoader;
import org.sdoh.hub.conformance.FhirPackageInstaller;
import org.sdoh.hub.demo.DemoNetworkLoader;
import org.sdoh.hub.directory.DirectoryIndexes;
import org.sdoh.hub.metrics.ReferralHistoryBackfill;
import org.sdoh.hub.notification.SubscriptionTopicInstaller;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What must be in the database before the first request is served, in order: installed FHIR
 * packages, then our own conformance content (which wins over a package's older copy) and the
 * IG's subscription topics, the referral metrics table, the directory's indexes, then the demo network. Runs just before the web server opens its port, so no client ever sees a server
 * without its search parameters or profiles.
 */
@Component
public class StartupSequence implements SmartLifecycle {

	/** Spring Boot starts the servlet web server in phase Integer.MAX_VALUE - 2048. */
	private static final int BEFORE_WEB_SERVER = Integer.MAX_VALUE - 4096;

	private final Batch2JobRegisterer batchJobs;
	private final FhirPackageInstaller packages;
	private final ConformanceContentLoader conformance;
	private final SubscriptionTopicInstaller topics;
	private final ReferralHistoryBackfill referralMetrics;
	private final DirectoryIndexes directoryIndexes;
	private final DemoNetworkLoader demo;
	private volatile boolean running;

	public StartupSequence(
			Batch2JobRegisterer batchJobs,
			FhirPackageInstaller packages,
			ConformanceContentLoader conformance,
			SubscriptionTopicInstaller topics,
			ReferralHistoryBackfill referralMetrics,
			DirectoryIndexes directoryIndexes,
			DemoNetworkLoader demo) {
		this.batchJobs = batchJobs;
		this.packages = packages;
		this.conformance = conformance;
		this.topics = topics;
		this.referralMetrics = referralMetrics;
		this.directoryIndexes = directoryIndexes;
		this.demo = demo;
	}

	@Override
	public void start() {
		// Installing search parameters submits reindex jobs: their definitions must be known first.
		batchJobs.start();
		packages.installConfiguredPackages();
		conformance.load();
		topics.install();
		referralMetrics.prepare(); // before the first referral write: the projection table must exist
		directoryIndexes.createIfMissing(); // HFJ_RES_LINK and HFJ_SPIDX_COORDS indexes for $find
		demo.loadOnce();
		running = true;
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return BEFORE_WEB_SERVER;
	}
}
