package io.tfsync.testing;

import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh, migrated database for one test class, made by {@link TestDatabases}. Closing it closes
 * the pool and throws the database away (the SQLite file, or the PostgreSQL schema).
 */
public final class TestDatabase implements AutoCloseable {

    /** How one kind of database empties its tables and disposes of itself. */
    interface Housekeeping {
        void clear(Connection connection) throws SQLException;

        void dispose() throws IOException, SQLException;
    }

    private final String kind;
    private final DatabaseSettings settings;
    private final Database database;
    private final Housekeeping housekeeping;

    TestDatabase(String kind, DatabaseSettings settings, Housekeeping housekeeping) {
        this.kind = kind;
        this.settings = settings;
        this.database = Database.open(settings);
        this.housekeeping = housekeeping;
    }

    /** Where the database is, to open it a second time. */
    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Makes every insert of a search row with value {@code explode} fail inside the database, so a test
     * can break a write transaction half way; {@link #removePlantedFailure()} undoes it.
     */
    public void plantFailure() {
        if (kind().equals("sqlite")) {
            execute("""
                    CREATE TRIGGER explode BEFORE INSERT ON entity_search WHEN NEW.value = 'explode'
                    BEGIN SELECT RAISE(ABORT, 'planted failure'); END
                    """);
        } else {
            execute(
                    """
                    CREATE FUNCTION explode() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.value = 'explode' THEN RAISE EXCEPTION 'planted failure'; END IF;
                        RETURN NEW;
                    END $$
                    """,
                    "CREATE TRIGGER explode BEFORE INSERT ON entity_search FOR EACH ROW EXECUTE FUNCTION explode()");
        }
    }

    public void removePlantedFailure() {
        if (kind().equals("sqlite")) {
            execute("DROP TRIGGER IF EXISTS explode");
        } else {
            execute("DROP TRIGGER IF EXISTS explode ON entity_search", "DROP FUNCTION IF EXISTS explode()");
        }
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String kind() {
        return kind;
    }

    public Database database() {
        return database;
    }

    public Store store(InstantSource clock) {
        return new Store(database, clock);
    }

    /** JDBI on the database's pool, for tests that inspect rows. */
    public Jdbi jdbi() {
        return Jdbi.create(database.dataSource());
    }

    /** The single number a query returns, e.g. a count. */
    public long queryLong(String sql, Object... args) {
        return jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    /** Every row a query returns, each as its columns' values rendered as text. */
    public List<List<String>> queryRows(String sql, Object... args) {
        return jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.map((rs, ctx) -> {
                        List<String> row = new ArrayList<>();
                        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                            row.add(rs.getString(c));
                        }
                        return row;
                    })
                    .list();
        });
    }

    /**
     * Deletes every row of every table but Flyway's history, so each test starts empty, and puts back
     * the rows the migrations seed (the event log's counter, at 0).
     */
    public void clear() {
        try (Connection connection = database.dataSource().getConnection()) {
            housekeeping.clear(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO event_log (id, last_offset, floor_offset) VALUES (1, 0, 0)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("clearing the " + kind + " test database failed", e);
        }
    }

    /** Runs statements directly, e.g. to plant a failure or inspect rows. */
    public void execute(String... statements) {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "running SQL on the " + kind + " test database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        database.close();
        try {
            housekeeping.dispose();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("disposing of the " + kind + " test database failed", e);
        }
    }

    @Override
    public String toString() {
        return kind + " " + database.redactedUrl();
    }
}
