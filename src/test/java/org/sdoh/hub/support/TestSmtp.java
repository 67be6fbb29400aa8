package org.sdoh.hub.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * One real SMTP server (GreenMail) for the whole test run, on a free port, started when the shared
 * server's configuration first asks for it: the Spring context outlives a single test class, so
 * the mail server must too. Tests tell their mails apart by a unique recipient address.
 */
public final class TestSmtp {

	private static GreenMail smtp;

	private TestSmtp() {}

	public static synchronized int port() {
		if (smtp == null) {
			smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
			smtp.start();
			Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
		}
		return smtp.getSmtp().getPort();
	}

	/** The mails received so far for this recipient address. */
	public static synchronized List<MimeMessage> receivedFor(String address) {
		return List.of(smtp.getReceivedMessagesForDomain(address));
	}
}
