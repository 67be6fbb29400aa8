package org.sdoh.hub.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be started here (no Docker engine), so it is checked two ways: Compose
 * itself parses and resolves it ({@code docker-compose config}; required in CI, which installs
 * Debian's docker-compose), and the wiring a deployment depends on is asserted service by service.
 */
class DockerComposeFileTest {

	private static final Path COMPOSE = Path.of("docker-compose.yml");

	@Test
	void composeAcceptsTheFile() throws Exception {
		String composeCommand = findCompose();
		if (composeCommand == null) {
			assertThat(System.getenv("CI")).as("docker-compose must be installed in CI (.ci/run installs it)").isNotEqualTo("true");
			return;
		}
		Process process = new ProcessBuilder(composeCommand, "-f", COMPOSE.toString(), "config", "-q")
				.redirectErrorStream(true)
				.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void serverIsBuiltFromServerDockerfileAndWaitsForHealthyDatabaseAndKeycloak() throws IOException {
		Map<String, Object> server = service("server");

		assertThat(map(server.get("build"))).containsEntry("dockerfile", "server/Dockerfile").containsEntry("context", ".");
		Map<String, Object> dependsOn = map(server.get("depends_on"));
		assertThat(map(dependsOn.get("postgres"))).containsEntry("condition", "service_healthy");
		assertThat(map(dependsOn.get("keycloak"))).containsEntry("condition", "service_healthy");
		Map<String, Object> env = map(server.get("environment"));
		assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "postgres");
		assertThat((String) env.get("SDOH_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
		// not on loopback inside the container: authentication must be on, against the compose Keycloak
		assertThat(env).containsEntry("SDOH_SECURITY_ENABLED", "true");
		assertThat((String) env.get("SDOH_SECURITY_ISSUERS_0_ISSUER_URI")).endsWith("/realms/sdoh");
		assertThat((String) env.get("SDOH_SECURITY_ISSUERS_0_JWK_SET_URI")).startsWith("http://keycloak:8180/realms/sdoh/");
		assertThat(Files.exists(Path.of("server/Dockerfile"))).isTrue();
	}

	@Test
	void keycloakImportsTheRealmFromServerKeycloakWithAFixedHostname() throws IOException {
		Map<String, Object> keycloak = service("keycloak");

		List<String> command = list(keycloak.get("command"));
		assertThat(command).contains("--import-realm");
		assertThat(command).anySatisfy(arg -> assertThat(arg).startsWith("--hostname="));
		assertThat(list(keycloak.get("volumes"))).contains("./server/keycloak:/opt/keycloak/data/import:ro");
		assertThat(Files.exists(Path.of("server/keycloak/realm-sdoh.json"))).isTrue();
	}

	@Test
	void everyServiceHasAHealthCheckAndPostgresIsVersion16() throws IOException {
		for (String name : List.of("postgres", "keycloak")) {
			assertThat(service(name)).as(name).containsKey("healthcheck");
		}
		assertThat(Files.readString(Path.of("server/Dockerfile"))).contains("HEALTHCHECK");
		assertThat((String) service("postgres").get("image")).isEqualTo("postgres:16");
	}

	private static Map<String, Object> service(String name) throws IOException {
		try (InputStream in = Files.newInputStream(COMPOSE)) {
			Map<String, Object> compose = new Yaml().load(in);
			return map(map(compose.get("services")).get(name));
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<String>) value;
	}

	private static String findCompose() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "docker-compose"))) {
				return Path.of(dir, "docker-compose").toString();
			}
		}
		return null;
	}
}
