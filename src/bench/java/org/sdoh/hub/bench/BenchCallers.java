package org.sdoh.hub.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sdoh.hub.support.TestTokens;
import org.sdoh.hub.support.TestTokens.Claims;

/**
 * Who the benchmark calls as when the server requires tokens ({@code -Dbench.secure=true}): the
 * clinic's EHR for referral transactions and full-text search, each CBO for its own worklist, a
 * network administrator for set-up. Tokens come from {@link TestTokens} (the server is started
 * trusting its issuer) and are reused for four minutes, as a real client reuses its access token.
 */
final class BenchCallers {

	private static final Duration REUSE = Duration.ofMinutes(4);

	private final boolean secure = Boolean.getBoolean("bench.secure");
	private final Map<Claims, Issued> tokens = new ConcurrentHashMap<>();

	private record Issued(String token, Instant at) {}

	HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
		return as(request, new Claims("bench-operator", "operator", null, null, List.of("network-admin"), "system/*.cruds"));
	}

	HttpRequest.Builder asEhr(HttpRequest.Builder request, String clinic) {
		return as(request, new Claims("ehr-system", "service-account-ehr-system", clinic, null, List.of("ehr-system"),
				"system/Patient.cruds system/ServiceRequest.cruds system/Task.cruds"));
	}

	HttpRequest.Builder asCbo(HttpRequest.Builder request, String cbo) {
		return as(request, new Claims("cbo-system", "service-account-cbo-system", cbo, null, List.of("cbo-system"),
				"system/Task.rus system/ServiceRequest.rs system/Patient.rs"));
	}

	private HttpRequest.Builder as(HttpRequest.Builder request, Claims claims) {
		if (!secure) {
			return request;
		}
		Issued issued = tokens.compute(claims, (key, old) ->
				old != null && old.at().plus(REUSE).isAfter(Instant.now()) ? old : new Issued(TestTokens.token(key), Instant.now()));
		return request.header("Authorization", "Bearer " + issued.token());
	}
}
