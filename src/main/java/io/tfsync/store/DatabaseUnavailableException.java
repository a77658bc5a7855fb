package io.tfsync.store;

/** The database could not be reached or refused the connection. */
public final class DatabaseUnavailableException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String url, Throwable cause) {
        super(
                "Cannot connect to the database at '" + JdbcUrls.redact(url) + "': " + JdbcUrls.rootMessage(cause),
                // Only the root cause: the wrappers above it (Flyway, Hikari) quote the URL as given.
                JdbcUrls.root(cause));
    }
}
