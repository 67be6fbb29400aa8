package org.sdoh.hub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.sdoh.hub.support.KeycloakServer;
import org.sdoh.hub.support.TestTokens;

/** The referral list and the referral page: what CBO staff see and every action on a referral. */
class InboxBrowserTest extends InboxBrowserTestBase {

	@Test
	void cboStaffSeesOnlyTheirReferralsAcceptsMessagesAndCompletesWithAProcedure() {
		String family = unique("Garcia").substring(0, 20);
		String ours = network.referral(family, InboxFixture.FOOD_BANK);
		network.referral(family, InboxFixture.OTHER_CBO);

		signIn("#/");
		assertThat(heading()).isEqualTo("Referrals");
		search(family);
		List<WebElement> cards = driver().findElements(By.cssSelector(".cards .card"));
		assertThat(cards).hasSize(1);
		assertThat(cards.get(0).getText()).contains("Rosa " + family, "New", "Food", "Assistance with application for food pantry program");
		assertNoSeriousAccessibilityViolations("inbox");
		browser.screenshot("01-inbox");
		new Select(driver().findElement(By.id("domain"))).selectByVisibleText("Housing");
		search(family);
		assertThat(driver().findElements(By.cssSelector(".cards .card"))).isEmpty();
		new Select(driver().findElement(By.id("domain"))).selectByVisibleText("Food");
		search(family);
		cards = driver().findElements(By.cssSelector(".cards .card"));
		assertThat(cards).hasSize(1);

		cards.get(0).findElement(By.linkText("Rosa " + family)).click();
		browser.waitUntilIdle();
		assertThat(heading()).isEqualTo("Rosa " + family);
		String page = mainText();
		assertThat(page).contains("(413) 555-0152", "Spanish", "Family of four, works evenings", "Ana Rivera",
				InboxFixture.REFERRER_PHONE, "Some information was withheld");
		assertNoSeriousAccessibilityViolations("referral");
		browser.screenshot("02-referral");

		act("accept");
		assertThat(notice()).isEqualTo("Referral accepted.");
		awaitStatus("Accepted");
		browser.screenshot("03-accepted");

		driver().findElement(By.id("reply")).sendKeys("We will call Rosa tomorrow morning.");
		driver().findElement(By.cssSelector("form.reply button")).click();
		browser.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".thread"), "We will call Rosa"));
		browser.screenshot("04-message-sent");

		driver().findElement(By.id("action-complete")).click();
		dialogField("action-note").sendKeys("Enrolled in weekly pantry pickup");
		confirm();
		assertThat(notice()).isEqualTo("Referral completed. The referrer has been told.");
		awaitStatus("Completed");
		browser.screenshot("05-completed");

		Task task = network.task(ours);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(task.getOutput()).hasSize(1);
		Procedure procedure = admin().read().resource(Procedure.class)
				.withUrl(task.getOutputFirstRep().getValue().castToReference(task.getOutputFirstRep().getValue()).getReference())
				.execute();
		assertThat(procedure.getStatus()).isEqualTo(Procedure.ProcedureStatus.COMPLETED);
		assertThat(procedure.getCode().getCodingFirstRep().getCode()).isEqualTo("467771000124109");
		assertThat(procedure.getSubject().getReference()).isEqualTo(task.getFor().getReference());
		assertThat(procedure.getBasedOnFirstRep().getReference()).isEqualTo(task.getFocus().getReference());
		assertThat(procedure.getNoteFirstRep().getText()).isEqualTo("Enrolled in weekly pantry pickup");
		ServiceRequest request = admin().read().resource(ServiceRequest.class).withUrl(task.getFocus().getReference()).execute();
		assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
		List<Communication> messages = admin().search().byUrl("Communication?part-of=Task/" + ours)
				.returnBundle(Bundle.class).execute().getEntry().stream()
				.map(e -> (Communication) e.getResource()).toList();
		assertThat(messages).singleElement().satisfies(message -> {
			assertThat(message.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("We will call Rosa tomorrow morning.");
			assertThat(message.getBasedOnFirstRep().getReference()).isEqualTo(task.getFocus().getReference());
			assertThat(message.getSender().getReference()).isEqualTo(InboxFixture.FOOD_BANK);
			assertThat(message.getRecipientFirstRep().getReference()).isEqualTo(InboxFixture.REFERRER);
		});
	}

	@Test
	void declineNeedsACodedReasonAndStoresItWithTheText() {
		String id = network.referral(unique("Lopez").substring(0, 20), InboxFixture.FOOD_BANK);
		signIn("#/referral/" + id);
		driver().findElement(By.id("action-decline")).click();
		new Select(dialogField("reason-code")).selectByVisibleText("Outside our service area");
		dialogField("action-note").sendKeys("Lives in the next county");
		assertNoSeriousAccessibilityViolations("decline dialog");
		browser.screenshot("06-decline-dialog");
		confirm();
		assertThat(notice()).isEqualTo("Referral declined.");
		awaitStatus("Declined");
		browser.screenshot("07-declined");

		Task task = network.task(id);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REJECTED);
		assertThat(task.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("out-of-service-area");
		assertThat(task.getStatusReason().getText()).isEqualTo("Lives in the next county");
	}

	@Test
	void completingWithAnOutcomeCodeRecordsTheServiceCodeAndNoProcedure() {
		String id = network.referral(unique("Novak").substring(0, 20), InboxFixture.FOOD_BANK);
		signIn("#/referral/" + id);
		act("accept");
		awaitStatus("Accepted");

		driver().findElement(By.id("action-complete")).click();
		new Select(dialogField("outcome")).selectByValue("other");
		new Select(dialogField("record")).selectByValue("code");
		dialogField("action-note").sendKeys("Bus pass instead");
		confirm();
		assertThat(dialogProblem()).isEqualTo("Only the service asked for has a code: choose a service record for something else.");
		assertThat(network.task(id).getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);

		new Select(dialogField("outcome")).selectByValue("requested");
		dialogField("action-note").clear();
		dialogField("action-note").sendKeys("Signed up at the Tuesday pantry");
		browser.screenshot("12-complete-with-outcome-code");
		confirm();
		awaitNotice("Referral completed. The referrer has been told.");
		awaitStatus("Completed");

		Task task = network.task(id);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		assertThat(task.getOutput()).singleElement().satisfies(output -> {
			assertThat(output.getType().getCodingFirstRep().getSystem()).isEqualTo(InboxFixture.SDOHCC_CODES);
			assertThat(output.getType().getCodingFirstRep().getCode()).isEqualTo("resulting-activity");
			CodeableConcept provided = (CodeableConcept) output.getValue();
			assertThat(provided.getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
			assertThat(provided.getCodingFirstRep().getCode()).isEqualTo("467771000124109");
		});
		assertThat(task.getNote()).singleElement().satisfies(note -> {
			assertThat(note.getText()).isEqualTo("Signed up at the Tuesday pantry");
			assertThat(note.getAuthorReference().getReference()).isEqualTo(InboxFixture.FOOD_BANK);
		});
		assertThat(admin().search().byUrl("Procedure?subject=" + task.getFor().getReference()).returnBundle(Bundle.class).execute()
				.getEntry()).isEmpty();
		ServiceRequest request = admin().read().resource(ServiceRequest.class).withUrl(task.getFocus().getReference()).execute();
		assertThat(request.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.COMPLETED);
	}

	@Test
	void aServiceThatCouldNotBeProvidedIsRecordedAsFailedWithItsReason() {
		String id = network.referral(unique("Haddad").substring(0, 20), InboxFixture.FOOD_BANK);
		signIn("#/referral/" + id);
		act("accept");
		awaitStatus("Accepted");
		act("start");
		awaitStatus("In progress");

		driver().findElement(By.id("action-fail")).click();
		new Select(dialogField("reason-code")).selectByVisibleText("Could not reach the client");
		dialogField("action-note").sendKeys("Three calls, no answer");
		browser.screenshot("13-fail-dialog");
		confirm();
		awaitNotice("Recorded: the service could not be provided.");
		awaitStatus("Could not be done");
		assertThat(driver().findElements(By.cssSelector("main .actions button"))).isEmpty();
		browser.screenshot("14-failed");

		Task task = network.task(id);
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.FAILED);
		assertThat(task.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("unable-to-contact");
		assertThat(task.getStatusReason().getText()).isEqualTo("Three calls, no answer");
		assertThat(admin().read().resource(ServiceRequest.class).withUrl(task.getFocus().getReference()).execute().getStatus())
				.isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
	}

	@Test
	void aReferralChangedMeanwhileIsNotOverwrittenAndTheUserIsToldToReload() {
		String id = network.referral(unique("Chen").substring(0, 20), InboxFixture.FOOD_BANK);
		signIn("#/referral/" + id);
		Task meanwhile = network.task(id);
		meanwhile.addNote().setText("Changed by a colleague");
		admin().update().resource(meanwhile).execute();

		act("accept");
		WebElement problem = browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#problem .problem")));
		assertThat(problem.getText()).contains("Someone changed this referral meanwhile. Nothing was saved");
		browser.screenshot("08-changed-meanwhile");
		assertThat(network.task(id).getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);

		problem.findElement(By.tagName("button")).click();
		browser.waitUntilIdle();
		act("accept");
		assertThat(notice()).isEqualTo("Referral accepted.");
		assertThat(network.task(id).getStatus()).isEqualTo(Task.TaskStatus.ACCEPTED);
	}

	@Test
	void theLanguageSwitchTranslatesThePageAndIsRemembered() {
		signIn("#/");
		language("es", "Referidos");
		assertThat(driver().findElement(By.cssSelector("label[for=status]")).getText()).isEqualTo("Estado");
		browser.screenshot("09-spanish");

		driver().navigate().refresh();
		browser.waitUntilIdle();
		assertThat(heading()).isEqualTo("Referidos");
		assertThat(driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
		language("en", "Referrals");
	}

	@Test
	void whenTheSessionHasEndedTheTypedMessageSurvivesSigningInAgain() {
		String id = network.referral(unique("Okafor").substring(0, 20), InboxFixture.FOOD_BANK);
		signIn("#/referral/" + id);
		driver().findElement(By.id("reply")).sendKeys("Draft written before the session ended");
		script("sessionStorage.removeItem('inbox.session')");
		driver().findElement(By.cssSelector("form.reply button")).click();

		// back from Keycloak (its single sign-on session is still open) on the same referral
		browser.waitFor().until(ExpectedConditions.urlContains("/inbox/#/referral/" + id));
		browser.waitUntilIdle();
		assertThat(driver().findElement(By.id("reply")).getAttribute("value")).isEqualTo("Draft written before the session ended");
		assertThat(admin().search().byUrl("Communication?part-of=Task/" + id).returnBundle(Bundle.class).execute().getEntry()).isEmpty();
	}

	@Test
	void theInboxPageIsPublicAndMayTalkOnlyToThisServerAndTheTokenIssuers() throws IOException {
		HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(KeycloakServer.webBaseUrl() + "/inbox/")));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; connect-src 'self' "
				+ KeycloakServer.baseUrl() + " " + TestTokens.issuer().replaceAll("^(https?://[^/]+).*", "$1")
				+ "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
		try (Stream<Path> modules = Files.list(Path.of("src/main/resources/static/inbox/js"))) {
			assertThat(modules.map(module -> module.getFileName().toString()).filter(module -> !module.equals("app.js"))
					.map(module -> "<link rel=\"modulepreload\" href=\"js/" + module + "\">"))
					.as("every module is preloaded, so the first render does not wait import by import")
					.allSatisfy(link -> assertThat(page.body()).contains(link));
		}
		HttpResponse<String> bare = send(HttpRequest.newBuilder(URI.create(KeycloakServer.webBaseUrl() + "/inbox")));
		assertThat(bare.statusCode()).isEqualTo(302);
		assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/inbox/"));
	}

	/** Searches by client name with the filters as chosen, and waits for the new result page. */
	private static void search(String name) {
		WebElement field = driver().findElement(By.id("name"));
		WebElement previousPage = driver().findElement(By.cssSelector("main h1"));
		field.clear();
		field.sendKeys(name);
		field.submit();
		browser.waitFor().until(ExpectedConditions.stalenessOf(previousPage));
		browser.waitUntilIdle();
	}
}
