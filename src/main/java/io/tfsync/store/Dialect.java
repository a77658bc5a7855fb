package io.tfsync.store;

import java.util.List;
import java.util.Map;

/**
 * What differs between the databases we run on, as data: the URL prefix that selects a dialect, the
 * pool size, the driver properties every connection opens with, and the Flyway placeholders that
 * fill the few dialect-specific words of the one migration set. Code elsewhere asks the dialect; it
 * never tests which database it is on.
 *
 * @param name the database's name as printed to users ({@code sqlite}, {@code postgresql})
 * @param urlPrefix the JDBC URL prefix that selects this dialect
 * @param poolSize connections in the pool
 * @param connectionProperties driver properties of every connection
 * @param migrationPlaceholders values of the {@code ${...}} placeholders in {@code db/migration}
 * @param readStatements what every read transaction runs first, in one round trip: on PostgreSQL,
 *     a snapshot for the transaction (repeatable read, set per transaction because switching the
 *     connection's level costs two more round trips), no parallel workers and no JIT, whose
 *     start-up costs more than our short, indexed reads take (a page of 500 by name: 24 ms with two
 *     workers, 4 ms without; facets: 640 ms with JIT, 440 ms without); nothing on SQLite, where
 *     every transaction reads one snapshot
 */
public record Dialect(
        String name,
        String urlPrefix,
        int poolSize,
        Map<String, String> connectionProperties,
        Map<String, String> migrationPlaceholders,
        List<String> readStatements) {

    /**
     * The embedded default. One connection, because SQLite has one writer at a time and a second
     * pooled connection would only wait on its lock. WAL lets another process (a CLI command) read
     * while the service writes and makes commits cheap with {@code synchronous=NORMAL};
     * {@code busy_timeout} makes a writer wait for such a process instead of failing at once.
     */
    public static final Dialect SQLITE = new Dialect(
            "sqlite",
            "jdbc:sqlite:",
            1,
            Map.of(
                    "journal_mode", "WAL",
                    "synchronous", "NORMAL",
                    "foreign_keys", "true",
                    "busy_timeout", "10000",
                    // 64 MiB of page cache (negative: KiB) instead of 2 MiB: at 100,000 entities the
                    // indexes no longer fit the default and every write and scan pays in read syscalls.
                    "cache_size", "-65536",
                    "temp_store", "MEMORY"),
            // BINARY is SQLite's default; spelled out so both dialects order text by code point.
            Map.of("text", "TEXT COLLATE BINARY", "without_rowid", "WITHOUT ROWID"),
            List.of());

    /**
     * The production database, shared by several instances. Text columns use the "C" collation so
     * ordering and keyset comparisons are by code point, as on SQLite and in Java, whatever locale
     * the database was created with; it also keeps btree indexes usable for every comparison.
     */
    public static final Dialect POSTGRESQL = new Dialect(
            "postgresql",
            "jdbc:postgresql:",
            10,
            Map.of(
                    "reWriteBatchedInserts", "true",
                    "ApplicationName", "tfsync",
                    // Never server-side prepared statements, so every statement is planned for its
                    // values and the table as it is now. A prepared statement switches to a generic
                    // plan after five runs, and one made while the tables were nearly empty (the
                    // first sync) keeps scanning them after they have grown: that cost loading
                    // 100,000 entities a factor of four. It also keeps us usable behind a
                    // transaction-pooling PgBouncer.
                    "prepareThreshold", "0"),
            Map.of("text", "TEXT COLLATE \"C\"", "without_rowid", ""),
            List.of(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                    "SET LOCAL max_parallel_workers_per_gather = 0",
                    "SET LOCAL jit = off"));

    public Dialect {
        connectionProperties = Map.copyOf(connectionProperties);
        migrationPlaceholders = Map.copyOf(migrationPlaceholders);
        readStatements = List.copyOf(readStatements);
        if (poolSize < 1) {
            throw new IllegalArgumentException("a pool needs at least one connection");
        }
    }

    /**
     * The dialect a JDBC URL selects.
     *
     * @throws UnsupportedDatabaseUrlException when the URL names another database
     */
    public static Dialect forUrl(String url) {
        for (Dialect dialect : new Dialect[] {SQLITE, POSTGRESQL}) {
            if (url != null && url.startsWith(dialect.urlPrefix())) {
                return dialect;
            }
        }
        throw new UnsupportedDatabaseUrlException(
                url, "tfsync runs on SQLite (jdbc:sqlite:FILE) or PostgreSQL (jdbc:postgresql://HOST:PORT/DB)");
    }

    @Override
    public String toString() {
        return name;
    }
}
