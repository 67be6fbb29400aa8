package org.sdoh.hub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;
import org.sdoh.hub.support.FhirServerTestBase;
import org.sdoh.hub.support.Referrals;
import org.sdoh.hub.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;

/** E-mail notifications reach the SMTP server and carry a link and the Task id, no PHI. */
class EmailNotificationTest extends FhirServerTestBase {

	private static final String PATIENT_NAME = "Quetzalcoatl-Privatename";

	@Autowired
	SubscriptionRegistry registry;

	@Test
	void taskStatusChangeSendsOneMailWithTheTaskLinkAndNoPatientData() throws Exception {
		String inbox = "cbo-" + UUID.randomUUID() + "@example.org";
		String cbo = create(new Organization().setName(unique("Mailed CBO")));
		// Full-resource content: even then the mail must not carry the Task's content.
		TaskTopicSubscriptions.subscribe(client, registry,
				TaskTopicSubscriptions.taskTopic("Task?owner=" + cbo, SubscriptionChannelType.EMAIL, "mailto:" + inbox, "full-resource"));
		String patient = create(new Patient().addName(new HumanName().setFamily(PATIENT_NAME)));
		Task task = Referrals.referralTask(create(Referrals.serviceRequest(patient)), patient, cbo, cbo);
		task.setFor(new Reference(patient).setDisplay(PATIENT_NAME));
		IdType taskId = (IdType) client.create().resource(task).execute().getId().toUnqualifiedVersionless();
		awaitMails(inbox, 1);

		Task stored = client.read().resource(Task.class).withId(taskId).execute();
		client.update().resource(stored.setStatus(TaskStatus.ACCEPTED)).withAdditionalHeader("X-Referral-Party", "owner").execute();
		List<MimeMessage> mails = awaitMails(inbox, 2);

		MimeMessage statusChange = mails.get(1);
		String body = GreenMailUtil.getBody(statusChange);
		assertThat(mails).hasSize(2);
		assertThat(statusChange.getSubject()).isEqualTo("Referral update: " + taskId.getValue());
		assertThat(body).contains(baseUrl() + "/" + taskId.getValue()).contains(taskId.getValue());
		for (MimeMessage mail : mails) {
			assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(PATIENT_NAME).doesNotContain("\"resourceType\"");
		}
	}

	private static List<MimeMessage> awaitMails(String inbox, int count) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (TestSmtp.receivedFor(inbox).size() < count && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		return TestSmtp.receivedFor(inbox);
	}

	private String create(org.hl7.fhir.r4.model.Resource resource) {
		return client.create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
	}
}
