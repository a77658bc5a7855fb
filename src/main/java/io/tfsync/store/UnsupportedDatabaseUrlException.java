package io.tfsync.store;

/** A database URL that tfsync cannot use; the message says which URL (without password) and why. */
public final class UnsupportedDatabaseUrlException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public UnsupportedDatabaseUrlException(String url, String reason) {
        super("Unsupported database URL '" + JdbcUrls.redact(url) + "': " + reason, null);
    }
}
