package org.sdoh.hub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL server for the whole test run: a Testcontainers container where a Docker engine
 * exists, otherwise the embedded PostgreSQL binaries from Maven Central (started as an unprivileged
 * user, so it also works as root in CI). Each Spring context gets its own database.
 */
public final class TestPostgres {

	private static final String USER = "postgres";
	private static final String PASSWORD = "postgres";
	private static String adminUrlPrefix;
	private static final Set<String> CREATED = new HashSet<>();

	private TestPostgres() {}

	/** JDBC URL of a database with this name, created on first use. */
	public static synchronized String jdbcUrl(String database) {
		if (adminUrlPrefix == null) {
			adminUrlPrefix = start();
		}
		if (CREATED.add(database)) {
			try (Connection connection = DriverManager.getConnection(adminUrlPrefix + "postgres", USER, PASSWORD);
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + database);
				statement.execute("CREATE DATABASE " + database);
			} catch (SQLException e) {
				throw new IllegalStateException("Cannot create test database " + database, e);
			}
		}
		return adminUrlPrefix + database;
	}

	public static String user() {
		return USER;
	}

	public static String password() {
		return PASSWORD;
	}

	private static String start() {
		if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine")
					.withUsername(USER)
					.withPassword(PASSWORD);
			container.start();
			return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/";
		}
		try {
			// Stopped by Spring Boot's shutdown handlers, not by zonky's JVM hook: JVM hooks run concurrently,
			// and a HAPI job still running while Spring closes its context then waits 30 s for a connection
			// to a database already gone (surefire kills the fork). Spring's handlers run after the contexts.
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			SpringApplication.getShutdownHandlers().add(() -> closeQuietly(postgres));
			return "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		} catch (IOException ignored) {
			// the JVM is exiting; the data directory is a temporary one
		}
	}
}
