package io.tfsync.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** What we read out of a JDBC URL, and how we print one without its password. */
final class JdbcUrls {

    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;\\s)]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]+:)[^/@\\s]*@");

    private JdbcUrls() {}

    /** The URL (or any text holding one) with password parameters and user-info passwords masked. */
    static String redact(String text) {
        if (text == null) {
            return "";
        }
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    /**
     * The file of a {@code jdbc:sqlite:} URL.
     *
     * @throws UnsupportedDatabaseUrlException for an in-memory database, which every pooled
     *     connection and the migration would each see empty
     */
    static Path sqliteFile(String url) {
        String path = url.substring(Dialect.SQLITE.urlPrefix().length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isBlank() || path.contains(":memory:") || url.contains("mode=memory")) {
            throw new UnsupportedDatabaseUrlException(
                    url,
                    "an in-memory SQLite database is not supported; give a file, e.g. jdbc:sqlite:./tfsync-data/tfsync.db");
        }
        return Path.of(path);
    }

    /** The message of the innermost cause, which names what went wrong rather than what was attempted. */
    static String rootMessage(Throwable error) {
        return redact(root(error).getMessage());
    }

    static Throwable root(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
