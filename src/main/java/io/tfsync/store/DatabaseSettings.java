package io.tfsync.store;

import java.util.Objects;

/**
 * Where the database is: a JDBC URL ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}),
 * optional credentials, and for PostgreSQL an optional schema to keep tfsync's tables in (created
 * when missing). {@link #toString()} never prints the password.
 */
public record DatabaseSettings(String url, String user, String password, String schema) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new UnsupportedDatabaseUrlException(url, "the database URL is empty");
        }
        user = blankToNull(user);
        password = blankToNull(password);
        schema = blankToNull(schema);
        if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database schema '" + schema
                    + "' is not a plain identifier (letters, digits, underscore; at most 63 characters)");
        }
    }

    /** A URL without credentials or schema, as for the embedded default. */
    public static DatabaseSettings of(String url) {
        return new DatabaseSettings(url, null, null, null);
    }

    /** The URL with any password masked, safe to print. */
    public String redactedUrl() {
        return JdbcUrls.redact(url);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", schema=" + schema + "]";
    }
}
