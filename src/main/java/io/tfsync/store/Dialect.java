package io.tfsync.store;

import java.sql.Connection;
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
 * @param snapshotIsolation the JDBC isolation level under which a read of several statements sees
 *     one snapshot ({@link Connection#TRANSACTION_SERIALIZABLE} is SQLite's only level, and cheap
 *     there; PostgreSQL's repeatable read is its snapshot isolation)
 */
public record Dialect(
        String name,
        String urlPrefix,
        int poolSize,
        Map<String, String> connectionProperties,
        Map<String, String> migrationPlaceholders,
        int snapshotIsolation) {

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
                    "busy_timeout", "10000"),
            // BINARY is SQLite's default; spelled out so both dialects order text by code point.
            Map.of("text", "TEXT COLLATE BINARY"),
            Connection.TRANSACTION_SERIALIZABLE);

    /**
     * The production database, shared by several instances. Text columns use the "C" collation so
     * ordering and keyset comparisons are by code point, as on SQLite and in Java, whatever locale
     * the database was created with; it also keeps btree indexes usable for every comparison.
     */
    public static final Dialect POSTGRESQL = new Dialect(
            "postgresql",
            "jdbc:postgresql:",
            10,
            Map.of("reWriteBatchedInserts", "true", "ApplicationName", "tfsync"),
            Map.of("text", "TEXT COLLATE \"C\""),
            Connection.TRANSACTION_REPEATABLE_READ);

    public Dialect {
        connectionProperties = Map.copyOf(connectionProperties);
        migrationPlaceholders = Map.copyOf(migrationPlaceholders);
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
