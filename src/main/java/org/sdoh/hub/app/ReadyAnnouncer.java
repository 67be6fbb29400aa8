package org.sdoh.hub.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Prints where the FHIR API is once the server is ready to answer; with {@code sdoh.exit-when-ready}
 * stops it right there instead (the training run of server/fast-start.sh: a complete start-up,
 * including the start-up sequence and the demo network, so that the archive it leaves covers them).
 */
@Component
public class ReadyAnnouncer {

	private static final Logger LOG = LoggerFactory.getLogger(ReadyAnnouncer.class);

	private final SdohProperties properties;

	public ReadyAnnouncer(SdohProperties properties) {
		this.properties = properties;
	}

	@EventListener
	public void onReady(ApplicationReadyEvent event) {
		if (properties.exitWhenReady()) {
			LOG.info("Ready; stopping as asked (sdoh.exit-when-ready)");
			System.exit(SpringApplication.exit(event.getApplicationContext()));
		}
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			String host = web.getEnvironment().getProperty("server.address", "localhost");
			int port = web.getWebServer().getPort();
			LOG.info("SDOH Referral Hub ready: FHIR API at http://{}:{}{} (API docs: http://{}:{}{}/swagger-ui/)",
					host, port, FhirServerConfig.FHIR_BASE_PATH, host, port, FhirServerConfig.FHIR_BASE_PATH);
		}
	}
}
