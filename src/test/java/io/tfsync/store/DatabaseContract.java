package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.TestDatabase;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Opening and migrating a database, run on each database by a thin subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {

    protected TestDatabase database;

    protected abstract TestDatabase openDatabase();

    /** Settings of another database of the same kind that nothing has created tables in yet. */
    protected abstract DatabaseSettings emptyDatabase();

    /** Removes what {@link #emptyDatabase} gave out. */
    protected abstract void dropEmptyDatabase(DatabaseSettings settings) throws Exception;

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
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
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
    void version_7_keeps_every_search_row_and_relation_and_stores_an_original_value_only_where_it_differs()
            throws Exception {
        DatabaseSettings settings = emptyDatabase();
        try {
            var flyway = Flyway.configure()
                    .dataSource(settings.url(), settings.user(), settings.password())
                    .locations("classpath:db/migration")
                    .placeholders(database.database().dialect().migrationPlaceholders())
                    .target("6");
            if (settings.schema() != null) {
                flyway = flyway.schemas(settings.schema()).createSchemas(true);
            }
            flyway.load().migrate();
            plainJdbi(settings).useHandle(handle -> {
                if (settings.schema() != null) {
                    handle.execute("SET search_path TO " + settings.schema());
                }
                handle.execute("""
                        INSERT INTO entity_search (entity_uid, tenant, key, value, original_value) VALUES
                            ('u1', 'acme', 'kind', 'resource', 'Resource'),
                            ('u1', 'acme', 'metadata.tags', 'a', 'A'),
                            ('u1', 'acme', 'metadata.tags', 'a', 'a'),
                            ('u1', 'acme', 'spec.long', NULL, NULL),
                            ('u1', 'acme', 'spec.type', 'db', 'db'),
                            ('u2', 'acme', 'kind', 'resource', 'Resource')""");
                handle.execute("""
                        INSERT INTO relations (tenant, originating_uid, source_ref, type, target_ref) VALUES
                            ('acme', 'u1', 'resource:default/db', 'ownedBy', 'group:default/a'),
                            ('acme', 'u1', 'group:default/a', 'ownerOf', 'resource:default/db'),
                            ('acme', 'u2', 'resource:default/db2', 'ownedBy', 'group:default/a')""");
            });

            Database.open(settings).close();

            try (Database migrated = Database.open(settings)) {
                Jdbi reader = migrated.jdbi();
                List<List<String>> search = reader.withHandle(handle -> handle.createQuery("""
                                        SELECT entity_uid, key, value, original_value, tenant FROM entity_search
                                        ORDER BY entity_uid, key, COALESCE(original_value, value)""")
                        .map((rs, ctx) -> Arrays.asList(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                        .list());
                assertThat(search)
                        .containsExactly(
                                Arrays.asList("u1", "kind", "resource", "Resource", "acme"),
                                Arrays.asList("u1", "metadata.tags", "a", "A", "acme"),
                                Arrays.asList("u1", "metadata.tags", "a", null, "acme"),
                                Arrays.asList("u1", "spec.long", null, null, "acme"),
                                Arrays.asList("u1", "spec.type", "db", null, "acme"),
                                Arrays.asList("u2", "kind", "resource", "Resource", "acme"));
                List<List<String>> relations = reader.withHandle(handle -> handle.createQuery("""
                                        SELECT originating_uid, tenant, source_ref, type, target_ref FROM relations
                                        ORDER BY originating_uid, source_ref""")
                        .map((rs, ctx) -> List.of(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                        .list());
                assertThat(relations)
                        .containsExactly(
                                List.of("u1", "acme", "group:default/a", "ownerOf", "resource:default/db"),
                                List.of("u1", "acme", "resource:default/db", "ownedBy", "group:default/a"),
                                List.of("u2", "acme", "resource:default/db2", "ownedBy", "group:default/a"));
            }
        } finally {
            dropEmptyDatabase(settings);
        }
    }

    /** A Jdbi on the database without the pool or the migrations of {@link Database#open}. */
    static Jdbi plainJdbi(DatabaseSettings settings) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        return Jdbi.create(() -> DriverManager.getConnection(settings.url(), properties));
    }

    @Test
    void the_dialect_follows_the_url() {
        assertThat(database.database().dialect().name()).isEqualTo(database.kind());
    }
}
