package org.sdoh.hub.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Tells the receiver that something was withheld, without saying what: a Bundle from which the
 * consent service removed resources gets one OperationOutcome entry (search mode "outcome",
 * severity information, code suppressed) with the number withheld.
 */
@Interceptor
public class WithheldNotice {

	private static final String WITHHELD = WithheldNotice.class.getName() + ".count";

	static void count(RequestDetails request) {
		((AtomicInteger) request.getUserData().computeIfAbsent(WITHHELD, key -> new AtomicInteger())).incrementAndGet();
	}

	private static int withheld(RequestDetails request) {
		Object count = request.getUserData().get(WITHHELD);
		return count == null ? 0 : ((AtomicInteger) count).get();
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void addNotice(RequestDetails request, ResponseDetails response) {
		int withheld = withheld(request);
		if (withheld == 0 || !(response.getResponseResource() instanceof Bundle bundle)) {
			return;
		}
		OperationOutcome notice = new OperationOutcome();
		notice.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.SUPPRESSED)
				.setDiagnostics(withheld + " resource(s) withheld: no Consent of the patient covers disclosure to your organization");
		bundle.addEntry().setResource(notice).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
	}
}
