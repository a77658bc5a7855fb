package io.tfsync.store;

/** The schema migrations failed; the database holds the schema of the last migration that succeeded. */
public final class DatabaseMigrationException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public DatabaseMigrationException(String url, Throwable cause) {
        super(
                "Migrating the database at '" + JdbcUrls.redact(url) + "' failed: " + JdbcUrls.rootMessage(cause),
                // Only the root cause: the wrappers above it (Flyway, Hikari) quote the URL as given.
                JdbcUrls.root(cause));
    }
}
