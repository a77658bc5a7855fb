package io.tfsync.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The database: a JDBC URL ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}), the PostgreSQL user and
 * password, and the schema to use (PostgreSQL only; default {@code public}). A relative SQLite path in a
 * configuration file has already been resolved against the file's folder.
 */
public record DatabaseConfig(String url, Optional<String> user, Optional<Secret> password, Optional<String> schema) {

    /** The two databases tfsync runs on. */
    public enum Kind {
        SQLITE,
        POSTGRESQL
    }

    public static final String SQLITE_PREFIX = "jdbc:sqlite:";
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        if (!url.startsWith(SQLITE_PREFIX) && !url.startsWith(POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("a database url must start with jdbc:sqlite: or jdbc:postgresql:");
        }
    }

    /** An SQLite database in the given file (its folder may not exist yet). */
    public static DatabaseConfig sqlite(Path file) {
        return new DatabaseConfig(SQLITE_PREFIX + file, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Kind kind() {
        return url.startsWith(SQLITE_PREFIX) ? Kind.SQLITE : Kind.POSTGRESQL;
    }

    /**
     * The file of an SQLite database, when the URL names a plain file path (not {@code :memory:} or a
     * {@code file:} URI); the store creates its folder.
     */
    public Optional<Path> sqliteFile() {
        if (kind() != Kind.SQLITE) {
            return Optional.empty();
        }
        String rest = url.substring(SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file));
    }

    /** Hides the password, and the URL's parameters, which may hold one. */
    @Override
    public String toString() {
        int query = url.indexOf('?');
        String shownUrl = query < 0 ? url : url.substring(0, query) + "?****";
        return "DatabaseConfig[url=" + shownUrl + ", user=" + user.orElse("") + ", password="
                + (password.isPresent() ? "****" : "") + ", schema=" + schema.orElse("") + "]";
    }
}
