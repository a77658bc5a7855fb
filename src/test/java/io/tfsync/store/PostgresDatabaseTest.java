package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest extends DatabaseContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    protected DatabaseSettings emptyDatabase() {
        DatabaseSettings settings = database.settings();
        String schema = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new DatabaseSettings(settings.url(), settings.user(), settings.password(), schema);
    }

    @Override
    protected void dropEmptyDatabase(DatabaseSettings settings) {
        plainJdbi(settings)
                .useHandle(handle -> handle.execute("DROP SCHEMA IF EXISTS " + settings.schema() + " CASCADE"));
    }

    @Test
    void tables_live_in_the_configured_schema() {
        String schema = database.settings().schema();

        assertThat(database.queryRows("SELECT current_schema()")).containsExactly(java.util.List.of(schema));
        assertThat(database.queryLong(
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'entities'",
                        schema))
                .isEqualTo(1);
    }

    @Test
    void text_is_ordered_by_code_point_whatever_the_database_locale() {
        assertThat(
                        database.queryRows(
                                "SELECT collation_name FROM information_schema.columns"
                                        + " WHERE table_schema = current_schema() AND table_name = 'entity_search' AND column_name = 'value'"))
                .containsExactly(java.util.List.of("C"));
    }
}
