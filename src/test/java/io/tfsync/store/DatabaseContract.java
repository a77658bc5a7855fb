package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Opening and migrating a database, run on each database by a thin subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {

    protected TestDatabase database;

    protected abstract TestDatabase openDatabase();

    @BeforeAll
    void openOnce() {
        database = openDatabase();
    }

    @AfterAll
    void closeOnce() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void opening_migrates_a_new_database_to_the_latest_version() {
        assertThat(database.queryRows(
                        "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank"))
                .extracting(row -> row.get(0))
                .containsExactly("1", "2", "3", "4", "5", "6");
        for (String table : List.of("tenants", "workspaces", "entities", "entity_search", "relations", "sync_runs")) {
            assertThat(database.queryLong("SELECT COUNT(*) FROM " + table))
                    .as(table)
                    .isZero();
        }
    }

    @Test
    void opening_a_migrated_database_again_changes_nothing() {
        long before = database.queryLong("SELECT COUNT(*) FROM flyway_schema_history");

        try (Database again = Database.open(database.settings())) {
            assertThat(again.isReady()).isTrue();
        }

        assertThat(database.queryLong("SELECT COUNT(*) FROM flyway_schema_history"))
                .isEqualTo(before);
        assertThat(database.database().isReady()).isTrue();
    }

    @Test
    void a_database_is_ready_while_open_and_not_after_it_is_closed() {
        Database second = Database.open(database.settings());
        assertThat(second.isReady()).isTrue();

        second.close();

        assertThat(second.isReady()).isFalse();
    }

    @Test
    void the_dialect_follows_the_url() {
        assertThat(database.database().dialect().name()).isEqualTo(database.kind());
    }
}
