package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest extends DatabaseContract {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite();
    }

    @Override
    protected DatabaseSettings emptyDatabase() {
        try {
            return DatabaseSettings.of("jdbc:sqlite:" + Files.createTempDirectory("tfsync-test-") + "/empty.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected void dropEmptyDatabase(DatabaseSettings settings) throws Exception {
        Path file = JdbcUrls.sqliteFile(settings.url());
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        Files.deleteIfExists(file.getParent());
    }

    @Test
    void a_new_database_file_has_16_kib_pages() {
        assertThat(database.queryLong("PRAGMA page_size")).isEqualTo(16_384);
    }

    @Test
    void connections_use_wal_foreign_keys_normal_sync_and_a_busy_timeout() {
        assertThat(database.queryRows("PRAGMA journal_mode")).containsExactly(java.util.List.of("wal"));
        assertThat(database.queryLong("PRAGMA foreign_keys")).isEqualTo(1);
        assertThat(database.queryLong("PRAGMA synchronous")).isEqualTo(1); // NORMAL
        assertThat(database.queryLong("PRAGMA busy_timeout")).isEqualTo(10_000);
    }

    @Test
    void the_pool_holds_one_connection() {
        assertThat(database.database().dialect().poolSize()).isEqualTo(1);
        assertThat(((com.zaxxer.hikari.HikariDataSource) database.database().dataSource()).getMaximumPoolSize())
                .isEqualTo(1);
    }

    @Test
    void opening_creates_the_folder_of_the_database_file(@TempDir Path folder) {
        Path file = folder.resolve("nested/deeper/tfsync.db");

        try (Database opened = Database.open(DatabaseSettings.of("jdbc:sqlite:" + file))) {
            assertThat(opened.isReady()).isTrue();
        }

        assertThat(Files.exists(file)).isTrue();
    }
}
