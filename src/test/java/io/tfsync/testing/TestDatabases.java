package io.tfsync.testing;

import io.tfsync.store.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests: {@link #sqlite()} in a temporary file, {@link #postgres()} in a new
 * schema {@code t_<random>} of the PostgreSQL at {@code TFSYNC_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code TFSYNC_TEST_POSTGRES_USER} or {@code
 * postgres}). Open one per test class and close it after.
 *
 * <p>When PostgreSQL cannot be reached, {@link #postgres()} aborts the calling test (JUnit skips it
 * with the reason), except with {@code CI=true}, where a missing database fails the build.
 */
public final class TestDatabases {

    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    private TestDatabases() {}

    public static TestDatabase sqlite() {
        try {
            Path folder = Files.createTempDirectory("tfsync-test-");
            DatabaseSettings settings = DatabaseSettings.of("jdbc:sqlite:" + folder.resolve("tfsync.db"));
            return new TestDatabase("sqlite", settings, new TestDatabase.Housekeeping() {
                @Override
                public void clear(Connection connection) throws SQLException {
                    try (Statement statement = connection.createStatement()) {
                        // The pool's one connection enforces foreign keys; off while we empty everything.
                        statement.execute("PRAGMA foreign_keys = OFF");
                        for (String table : tables(connection, null)) {
                            statement.execute("DELETE FROM " + table);
                        }
                        statement.execute("PRAGMA foreign_keys = ON");
                    }
                }

                @Override
                public void dispose() throws IOException {
                    try (Stream<Path> files = Files.walk(folder)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(file);
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary folder for an SQLite test database", e);
        }
    }

    public static TestDatabase postgres() {
        String url = env("TFSYNC_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("TFSYNC_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv("TFSYNC_TEST_POSTGRES_PASSWORD");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        checkReachable(url, user, password);
        DatabaseSettings settings = new DatabaseSettings(url, user, password, schema);
        return new TestDatabase("postgresql", settings, new TestDatabase.Housekeeping() {
            @Override
            public void clear(Connection connection) throws SQLException {
                List<String> tables = tables(connection, schema);
                if (!tables.isEmpty()) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
                    }
                }
            }

            @Override
            public void dispose() throws SQLException {
                try (Connection connection = connect(url, user, password);
                        Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        });
    }

    private static void checkReachable(String url, String user, String password) {
        try (Connection connection = connect(url, user, password)) {
            connection.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + url + " as " + user + " (" + e.getMessage()
                    + "); start it or set TFSYNC_TEST_POSTGRES_URL";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ". CI=true, so a missing PostgreSQL fails the build.", e);
            }
            Assumptions.abort(message + ". Skipping the PostgreSQL tests (with CI=true they would fail).");
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url, properties);
    }

    /** The tables of a schema (the connection's own when null), except Flyway's history. */
    static List<String> tables(Connection connection, String schema) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (!table.equalsIgnoreCase(FLYWAY_HISTORY) && !table.startsWith("sqlite_")) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
