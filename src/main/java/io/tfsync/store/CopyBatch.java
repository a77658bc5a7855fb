package io.tfsync.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows sent to PostgreSQL with {@code COPY ... FROM STDIN} (text format) instead of INSERT batches:
 * for the tens of search rows and relations a sync writes per entity, several times faster. Used for
 * the derived tables only; it writes inside the caller's transaction like any statement.
 */
final class CopyBatch implements RowBatch {

    private static final int FLUSH_EVERY = 20_000;

    private final CopyManager copy;
    private final String command;
    private final RowBatch parent;
    private final StringBuilder rows = new StringBuilder(1 << 20);
    private int pending;

    CopyBatch(Handle handle, String table, String columns, RowBatch parent) {
        this.parent = parent;
        try {
            this.copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        this.command = "COPY " + table + " (" + columns + ") FROM STDIN";
    }

    @Override
    public void add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            Object value = values[i];
            if (value == null) {
                rows.append("\\N");
            } else {
                escape(value.toString());
            }
        }
        rows.append('\n');
        if (++pending >= FLUSH_EVERY) {
            flush();
        }
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    @Override
    public void flush() {
        if (pending == 0) {
            return;
        }
        if (parent != null) {
            parent.flush();
        }
        try {
            copy.copyIn(command, new StringReader(rows.toString()));
            rows.setLength(0);
            pending = 0;
        } catch (SQLException | IOException e) {
            throw new UnableToExecuteStatementException("COPY failed: " + command, e, null);
        }
    }

    @Override
    public void close() {
        // nothing is held between flushes
    }
}
