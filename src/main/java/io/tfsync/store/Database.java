package io.tfsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open, migrated database: a connection pool on SQLite (the embedded default) or PostgreSQL.
 * {@link #open} checks the URL, creates an SQLite file's folder, runs the Flyway migrations in
 * {@code db/migration} and only then opens the pool, so a {@code Database} that exists is one whose
 * schema is current.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    private final DatabaseSettings settings;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(DatabaseSettings settings, Dialect dialect, HikariDataSource pool) {
        this.settings = settings;
        this.dialect = dialect;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        // Our SQL is plain text with named binds; JDBI's default engine would read "a < :x AND b >" as a
        // template attribute.
        jdbi.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
    }

    /**
     * Opens and migrates the database.
     *
     * @throws UnsupportedDatabaseUrlException when the URL names neither SQLite nor PostgreSQL, or an
     *     in-memory SQLite database
     * @throws DatabaseUnavailableException when the database cannot be reached or refuses us
     * @throws DatabaseMigrationException when a migration fails
     */
    public static Database open(DatabaseSettings settings) {
        Dialect dialect = Dialect.forUrl(settings.url());
        if (dialect == Dialect.SQLITE) {
            Path file = JdbcUrls.sqliteFile(settings.url());
            createFolderOf(file, settings.url());
            createWithLargePages(file, settings.url());
        } else if (settings.schema() != null && settings.url().contains("currentSchema=")) {
            throw new UnsupportedDatabaseUrlException(
                    settings.url(), "give the schema either as currentSchema in the URL or as the schema setting");
        }
        migrate(settings, dialect);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(settings, dialect));
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(settings.url(), e);
        }
        LOG.info(
                "Opened the {} database at {} (pool of {}).",
                dialect.name(),
                settings.redactedUrl(),
                dialect.poolSize());
        return new Database(settings, dialect, pool);
    }

    private static void createFolderOf(Path file, String url) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DatabaseUnavailableException(
                    url, new IOException("cannot create the folder " + folder + " for the SQLite file", e));
        }
    }

    /**
     * A new SQLite file gets 16 KiB pages instead of 4 KiB: a sync writes hundreds of thousands of
     * derived rows, and with larger pages inserting 390,000 search rows took a fifth less time and
     * committing them a third less. The page size is fixed once the file is in WAL mode, so it is set
     * here, before the first connection that switches to WAL; an existing file keeps its own.
     */
    private static void createWithLargePages(Path file, String url) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return;
            }
        } catch (IOException e) {
            return; // opening it reports the problem in full
        }
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA page_size = 16384");
            statement.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(url, e);
        }
    }

    private static void migrate(DatabaseSettings settings, Dialect dialect) {
        var config = Flyway.configure()
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations(MIGRATIONS)
                .placeholders(dialect.migrationPlaceholders())
                .failOnMissingLocations(true);
        if (settings.schema() != null) {
            config = config.schemas(settings.schema()).createSchemas(true);
        }
        // Migrations run on their own connection, before the pool exists: SQLite's pool has one
        // connection, and Flyway holding it while asking for another would wait forever.
        try {
            var result = config.load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "Migrated the {} database at {} to version {}.",
                        dialect.name(),
                        settings.redactedUrl(),
                        result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            if (isConnectionFailure(e)) {
                throw new DatabaseUnavailableException(settings.url(), e);
            }
            throw new DatabaseMigrationException(settings.url(), e);
        }
    }

    /**
     * Whether the failure is about reaching the database rather than migrating it: a network error,
     * or an SQLSTATE of class 08 (connection exception), 28 (invalid authorization) or 3D (no such
     * database).
     */
    private static boolean isConnectionFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.startsWith("3D")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static HikariConfig poolConfig(DatabaseSettings settings, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tfsync-" + dialect.name());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(dialect.poolSize());
        config.setConnectionTimeout(10_000);
        Properties properties = new Properties();
        properties.putAll(dialect.connectionProperties());
        if (settings.schema() != null) {
            properties.setProperty("currentSchema", settings.schema());
        }
        config.setDataSourceProperties(properties);
        return config;
    }

    /** True when the database answers a trivial query now; for {@code /readyz}. Never throws. */
    public boolean isReady() {
        try {
            return jdbi.withHandle(
                            h -> h.createQuery("SELECT 1").mapTo(Integer.class).one())
                    == 1;
        } catch (RuntimeException e) {
            LOG.warn(
                    "The {} database at {} is not ready: {}",
                    dialect.name(),
                    settings.redactedUrl(),
                    JdbcUrls.rootMessage(e));
            return false;
        }
    }

    /**
     * Refreshes the query planner's statistics ({@code ANALYZE}). Worth running after a bulk load,
     * such as the first sync of a large workspace: until PostgreSQL's autovacuum analyzes the new
     * rows, the planner guesses their numbers and may sort a whole table to find one page.
     */
    public void analyze() {
        jdbi.useHandle(handle -> handle.execute("ANALYZE"));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL with any password masked. */
    public String redactedUrl() {
        return settings.redactedUrl();
    }

    /** The pool, for libraries that take a DataSource (db-scheduler). */
    public DataSource dataSource() {
        return pool;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Runs a read in one transaction set up by the dialect: one snapshot (REPEATABLE READ on
     * PostgreSQL; a SQLite read transaction is one already), no parallel plans.
     */
    <T> T read(HandleCallback<T, RuntimeException> callback) {
        return jdbi.inTransaction(handle -> {
            if (!dialect.readStatements().isEmpty()) {
                handle.execute(String.join("; ", dialect.readStatements()));
            }
            return callback.withHandle(handle);
        });
    }

    /**
     * A connection of its own, outside the pool, for a listener that holds it for the process's life
     * (PostgreSQL LISTEN); the caller closes it.
     */
    Connection openConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(dialect.connectionProperties());
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        if (settings.schema() != null) {
            properties.setProperty("currentSchema", settings.schema());
        }
        return DriverManager.getConnection(settings.url(), properties);
    }

    /** Closes the pool; idempotent. */
    @Override
    public void close() {
        pool.close();
    }
}
