package org.sdoh.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sdoh.hub.security.SmartScopes.Interaction;

class SmartScopesTest {

	@ParameterizedTest(name = "{0} on {1}: c={2} r={3} u={4} d={5} s={6}")
	@CsvSource({
		"system/Task.rus,        Task,           false, true,  true,  false, true",
		"system/Task.rus,        ServiceRequest, false, false, false, false, false",
		"user/*.rs,              Observation,    false, true,  false, false, true",
		"system/*.cruds,         AuditEvent,     true,  true,  true,  true,  true",
		"patient/Patient.read,   Patient,        false, true,  false, false, true",
		"user/Task.write,        Task,           true,  false, true,  true,  false",
		"system/Task.*,          Task,           true,  true,  true,  true,  true",
		"system/Task.c,          Task,           true,  false, false, false, false",
		// v2 letters out of order or repeated are not a valid scope: nothing granted
		"system/Task.sr,         Task,           false, false, false, false, false",
		"system/Task.rr,         Task,           false, false, false, false, false",
		"system/Task.x,          Task,           false, false, false, false, false",
		// not resource scopes
		"openid,                 Task,           false, false, false, false, false",
		"launch/patient,         Patient,        false, false, false, false, false",
		"system/task.rs,         Task,           false, false, false, false, false",
		// v2 query restrictions are not supported: they grant nothing rather than too much
		"patient/Observation.rs?category=laboratory, Observation, false, false, false, false, false"
	})
	void grantsExactlyTheInteractionsOfTheScope(
			String scope, String type, boolean c, boolean r, boolean u, boolean d, boolean s) {
		SmartScopes scopes = SmartScopes.parse(List.of(scope));
		assertThat(scopes.permits(type, Interaction.CREATE)).isEqualTo(c);
		assertThat(scopes.permits(type, Interaction.READ)).isEqualTo(r);
		assertThat(scopes.permits(type, Interaction.UPDATE)).isEqualTo(u);
		assertThat(scopes.permits(type, Interaction.DELETE)).isEqualTo(d);
		assertThat(scopes.permits(type, Interaction.SEARCH)).isEqualTo(s);
	}

	@org.junit.jupiter.api.Test
	void aTokenWithoutResourceScopesGrantsNothing() {
		assertThat(SmartScopes.parse(List.of("openid", "profile", "offline_access")).all()).isEmpty();
	}
}
