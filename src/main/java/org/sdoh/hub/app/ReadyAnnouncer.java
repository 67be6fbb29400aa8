package org.sdoh.hub.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints where the FHIR API is once the server is ready to answer. */
@Component
public class ReadyAnnouncer {

	private static final Logger LOG = LoggerFactory.getLogger(ReadyAnnouncer.class);

	@EventListener
	public void onReady(ApplicationReadyEvent event) {
		if (event.getApplicationContext() instanceof WebServerApplicationContext web) {
			String host = web.getEnvironment().getProperty("server.address", "localhost");
			int port = web.getWebServer().getPort();
			LOG.info("SDOH Referral Hub ready: FHIR API at http://{}:{}{} (API docs: http://{}:{}{}/swagger-ui/)",
					host, port, FhirServerConfig.FHIR_BASE_PATH, host, port, FhirServerConfig.FHIR_BASE_PATH);
		}
	}
}
