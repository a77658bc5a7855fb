package io.tfsync.store;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Runs a write transaction again when it lost a race on a unique key. Two sources adding the same new
 * entity ref at once both find no row, and the loser's insert then breaks the unique key (on
 * PostgreSQL; SQLite's single writer cannot race). Run again, the loser finds the winner's row and
 * reports a conflict instead of failing.
 */
final class UniqueViolations {

    private static final int ATTEMPTS = 3;

    private UniqueViolations() {}

    static <T> T retrying(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (UnableToExecuteStatementException e) {
                if (attempt >= ATTEMPTS || !isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** PostgreSQL's unique_violation, or SQLite's SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY. */
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                if ("23505".equals(sql.getSQLState())) {
                    return true;
                }
                int code = sql.getErrorCode();
                if (code == 2067 || code == 1555) {
                    return true;
                }
            }
        }
        return false;
    }
}
