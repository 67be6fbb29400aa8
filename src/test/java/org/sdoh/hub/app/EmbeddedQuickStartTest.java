package org.sdoh.hub.app;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The quick start as a user runs it: no profile, H2 and Lucene in a data folder, demo network
 * loaded on first start. A restart keeps the data and does not load the demo again (a Task a CBO
 * changed in between stays changed).
 */
class EmbeddedQuickStartTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@TempDir
	Path dataDir;

	@Test
	void firstStartLoadsTheDemoNetworkAndARestartKeepsDataWithoutReloadingIt() {
		String changedStatusReason = "Client asked us to wait until next month";
		try (ConfigurableApplicationContext first = start()) {
			IGenericClient client = client(first);
			assertThat(client.capabilities().ofType(CapabilityStatement.class).execute().getFhirVersion().toCode())
					.isEqualTo("4.0.1");
			Bundle tasks = client.search().byUrl("Task?_summary=count").returnBundle(Bundle.class).execute();
			assertThat(tasks.getTotal()).isEqualTo(6 + 300); // the network's referrals and the generated history
			MeasureReport volume = client.operation().onInstance("Measure/referral-volume").named("$evaluate-measure")
					.withParameter(Parameters.class, "periodStart", new DateType(Date.from(Instant.now().minus(Duration.ofDays(200)))))
					.andParameter("periodEnd", new DateType(new Date()))
					.returnResourceType(MeasureReport.class).useHttpGet().execute();
			assertThat(volume.getGroupFirstRep().getPopulationFirstRep().getCount()).isEqualTo(306);
			// the history is spread over six months by its intended times, not written all today
			assertThat(volume.getGroupFirstRep().getStratifier().get(3).getStratum()).hasSizeGreaterThanOrEqualTo(6);
			assertThat(client.search().byUrl("HealthcareService").returnBundle(Bundle.class).execute().getTotal()).isEqualTo(3);
			assertThat(client.search().byUrl("Organization?type=cg").returnBundle(Bundle.class).execute().getTotal()).isEqualTo(3);
			Task accepted = client.read().resource(Task.class).withId("demo-task-housing-james").execute();
			accepted.setStatus(Task.TaskStatus.ONHOLD).getStatusReason().setText(changedStatusReason);
			client.update().resource(accepted).execute();
		}

		try (ConfigurableApplicationContext second = start()) {
			IGenericClient client = client(second);
			Task reread = client.read().resource(Task.class).withId("demo-task-housing-james").execute();
			assertThat(reread.getStatus()).isEqualTo(Task.TaskStatus.ONHOLD);
			assertThat(reread.getStatusReason().getText()).isEqualTo(changedStatusReason);
			assertThat(reread.getMeta().getVersionId()).isEqualTo("2");
			assertThat(client.search().byUrl("Task?_summary=count").returnBundle(Bundle.class).execute().getTotal()).isEqualTo(306);
			assertThat(client.search().byUrl("HealthcareService?_content=pantry").returnBundle(Bundle.class).execute().getTotal())
					.isEqualTo(1);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SdohHubApplication.class)
				.run("--server.port=0", "--sdoh.data-dir=" + dataDir.toAbsolutePath());
	}

	private static IGenericClient client(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		return FHIR.newRestfulGenericClient("http://127.0.0.1:" + port + "/fhir");
	}
}
