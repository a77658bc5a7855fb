package io.tfsync.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A contract test that runs on each database through thin subclasses: one database (a fresh SQLite
 * file, or a fresh PostgreSQL schema) per test class, opened before the first test and dropped after
 * the last. Tests empty it themselves where they need to ({@link TestDatabase#clear()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PerClassDatabase {

    private TestDatabase database;

    /** {@link TestDatabases#sqlite()} or {@link TestDatabases#postgres()}. */
    protected abstract TestDatabase openDatabase();

    @BeforeAll
    final void openTheClassDatabase() {
        database = openDatabase();
    }

    @AfterAll
    final void closeTheClassDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected final TestDatabase database() {
        return database;
    }
}
