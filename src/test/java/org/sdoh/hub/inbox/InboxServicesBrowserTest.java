package org.sdoh.hub.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sdoh.hub.directory.CapacityStatus;
import org.sdoh.hub.directory.Freshness;

/**
 * My services: the capacity switch (the directory's $set-capacity with the user's own token) and the
 * queue of directory corrections reported about each service, answered from the page.
 */
class InboxServicesBrowserTest extends InboxBrowserTestBase {

	@Test
	void myServicesSwitchesCapacityAndAnswersTheCorrectionsReportedAboutThem() {
		String pantry = network.foodPantryOnWaitlist();
		String phone = network.correction(pantry, "The phone number is disconnected");
		String hours = network.correction(pantry, "Closed on Mondays now");
		network.correction(network.otherCboService(), "Not for the food bank to answer");

		signIn("#/services");
		assertThat(heading()).isEqualTo("My services");
		assertThat(pantryCard().getText()).contains("Inbox Test Pantry", "Capacity: Waitlist — About three weeks",
				"Reported corrections (2)", "The phone number is disconnected", "Closed on Mondays now");
		assertThat(mainText()).doesNotContain("Not for the food bank to answer", "Capacity cannot be changed");
		assertNoSeriousAccessibilityViolations("my services");
		browser.screenshot("10-my-services");

		pantryCard().findElement(By.xpath(".//button[normalize-space()='Taking clients']")).click();
		awaitNotice("Inbox Test Pantry: Taking clients.");
		browser.waitFor().until(d -> pantryCard().getText().contains("Capacity: Taking clients"));
		assertThat(pantryCard().findElement(By.cssSelector("button[aria-pressed=true]")).getText()).isEqualTo("Taking clients");
		assertThat(CapacityStatus.of(service(pantry))).hasValue(CapacityStatus.CAPACITY);

		correction("The phone number is disconnected").findElement(By.cssSelector("button.apply")).click();
		confirm();
		awaitNotice("Correction marked as fixed.");
		awaitPantryCardText("Reported corrections (1)");
		assertThat(task(phone).getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		Extension verification = service(pantry).getExtensionByUrl(Freshness.VERIFICATION_EXTENSION);
		assertThat(verification).isNotNull();
		assertThat(((Reference) verification.getExtensionByUrl("verifier").getValue()).getReference()).isEqualTo(InboxFixture.FOOD_BANK);

		correction("Closed on Mondays now").findElement(By.cssSelector("button.dismiss")).click();
		dialogField("dismiss-reason").sendKeys("   ");
		confirm();
		assertThat(dialogProblem()).isEqualTo("Please say why the correction is dismissed.");
		assertThat(task(hours).getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		dialogField("dismiss-reason").clear();
		dialogField("dismiss-reason").sendKeys("We still open on Mondays, 9 to 12");
		browser.screenshot("11-dismiss-correction");
		confirm();
		awaitNotice("Correction dismissed.");
		awaitPantryCardText("No corrections reported.");
		Task dismissed = task(hours);
		assertThat(dismissed.getStatus()).isEqualTo(Task.TaskStatus.REJECTED);
		assertThat(dismissed.getStatusReason().getText()).isEqualTo("We still open on Mondays, 9 to 12");

		language("es", "Mis servicios");
		assertThat(pantryCard().getText()).contains("Cupo: Recibe clientes", "Correcciones reportadas (0)", "No hay correcciones reportadas.");
		assertThat(pantryCard().findElement(By.cssSelector("button[aria-pressed=true]")).getText()).isEqualTo("Recibe clientes");
		browser.screenshot("18-my-services-es");
		language("en", "My services");
	}

	private static WebElement pantryCard() {
		return driver().findElement(By.id("service-inbox-test-pantry"));
	}

	private static void awaitPantryCardText(String text) {
		browser.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("service-inbox-test-pantry"), text));
	}

	private static WebElement correction(String text) {
		return pantryCard().findElements(By.cssSelector(".correction")).stream()
				.filter(item -> item.getText().contains(text))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no correction '" + text + "' shown"));
	}

	private HealthcareService service(String reference) {
		return admin().read().resource(HealthcareService.class).withUrl(reference).execute();
	}

	private Task task(String id) {
		return admin().read().resource(Task.class).withId(id).execute();
	}
}
