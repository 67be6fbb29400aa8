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
			// Our own hook stops it, after the Spring contexts (see awaitSpringShutdown), not zonky's.
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
			return "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			awaitSpringShutdown();
			postgres.close();
		} catch (IOException ignored) {
			// the JVM is exiting; the data directory is a temporary one
		}
	}

	/**
	 * Shutdown hooks run concurrently: Spring Boot closes the test contexts in its own hook, and a
	 * scheduled HAPI job still running then waits 30 s for a connection to a database already gone
	 * (surefire then kills the fork). The database goes last.
	 */
	private static void awaitSpringShutdown() {
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if ("SpringApplicationShutdownHook".equals(thread.getName())) {
				try {
					thread.join(20_000);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}
}
