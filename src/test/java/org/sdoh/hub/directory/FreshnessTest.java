package org.sdoh.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** Entries not verified within 180 days are tagged stale in results and get one verification Task for their organization. */
class FreshnessTest extends FhirServerTestBase {

	@Autowired
	VerificationScheduler scheduler;

	@Test
	void entriesVerifiedLongAgoAreTaggedStaleInSearchResultsAndRecentOnesAreNot() {
		String organization = organization();
		String old = service(organization, Instant.parse("2020-01-15T00:00:00Z"));
		String recent = service(organization, Instant.now().minus(1, ChronoUnit.DAYS));

		Bundle result = client.search().byUrl("HealthcareService?organization=" + organization).returnBundle(Bundle.class).execute();

		assertThat(result.getEntry()).filteredOn(e -> isStale(e.getResource().getMeta()))
				.extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(old);
		assertThat(isStale(client.read().resource(HealthcareService.class).withId(recent).execute().getMeta())).isFalse();
	}

	@Test
	void theVerifiedSearchParameterFindsEntriesDueForVerification() {
		String organization = organization();
		String old = service(organization, Instant.parse("2020-01-15T00:00:00Z"));
		service(organization, Instant.now());

		assertThat(ids("HealthcareService?organization=" + organization + "&verified=lt2021-01-01")).containsExactly(old);
	}

	@Test
	void aStaleTagSentBackByAClientIsNotStored() {
		String organization = organization();
		String recent = service(organization, Instant.now());
		HealthcareService echoed = client.read().resource(HealthcareService.class).withId(recent).execute();
		echoed.getMeta().addTag().setSystem(Freshness.STATUS_SYSTEM).setCode(Freshness.STALE);

		client.update().resource(echoed).execute();

		assertThat(isStale(client.read().resource(HealthcareService.class).withId(recent).execute().getMeta())).isFalse();
	}

	@Test
	void oneVerificationTaskPerStaleEntryLandsInTheOwningOrganizationsQueue() {
		String organization = organization();
		String old = service(organization, Instant.parse("2020-01-15T00:00:00Z"));
		service(organization, Instant.now());

		scheduler.requestVerifications(Instant.now());
		scheduler.requestVerifications(Instant.now());

		List<Task> queue = verificationTasks(organization);
		assertThat(queue).hasSize(1);
		assertThat(queue.get(0).getFocus().getReference()).isEqualTo("HealthcareService/" + old);
		assertThat(queue.get(0).getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
	}

	@Test
	void completingTheVerificationTaskRecordsWhenAndByWhomAndTheEntryIsNoLongerStale() {
		String organization = organization();
		String old = service(organization, Instant.parse("2020-01-15T00:00:00Z"));
		scheduler.requestVerifications(Instant.now());
		Task task = verificationTasks(organization).get(0);

		client.update().resource(task.setStatus(Task.TaskStatus.COMPLETED)).execute();

		HealthcareService verified = client.read().resource(HealthcareService.class).withId(old).execute();
		assertThat(Freshness.verifiedAt(verified).orElseThrow()).isAfter(Instant.now().minus(1, ChronoUnit.MINUTES));
		assertThat(verified.getExtensionByUrl(Freshness.VERIFICATION_EXTENSION).getExtensionByUrl("verifier").getValue())
				.isInstanceOfSatisfying(Reference.class, r -> assertThat(r.getReference()).isEqualTo(organization));
		assertThat(isStale(verified.getMeta())).isFalse();
	}

	private List<Task> verificationTasks(String organization) {
		return client.search().byUrl("Task?owner=" + organization + "&code=" + DirectoryTaskRules.SYSTEM + "|" + DirectoryTaskRules.VERIFICATION)
				.returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	private List<String> ids(String url) {
		return client.search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().stream()
				.map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private String organization() {
		Organization organization = new Organization().setName(unique("Fresh CBO"));
		Freshness.markVerified(organization, Instant.now(), null);
		return "Organization/" + client.create().resource(organization).execute().getId().getIdPart();
	}

	private String service(String organization, Instant verifiedAt) {
		HealthcareService service = new HealthcareService().setActive(true).setName(unique("Service"));
		service.setProvidedBy(new Reference(organization));
		Freshness.markVerified(service, verifiedAt, new Reference(organization));
		return client.create().resource(service).execute().getId().getIdPart();
	}

	private static boolean isStale(org.hl7.fhir.r4.model.Meta meta) {
		return meta.getTag(Freshness.STATUS_SYSTEM, Freshness.STALE) != null;
	}
}
