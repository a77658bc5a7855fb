package io.tfsync.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A JDBC batch of one INSERT with positional parameters, sent every {@value #FLUSH_EVERY} rows.
 * A sync writes tens of rows per entity (search rows, relations); JDBI's named-parameter batches
 * spent more time binding those than the database spent storing them.
 */
final class InsertBatch implements RowBatch {

    private static final int FLUSH_EVERY = 2_000;

    private final PreparedStatement statement;
    private final String sql;
    private final RowBatch parent;
    private int pending;

    InsertBatch(Handle handle, String sql) {
        this(handle, sql, null);
    }

    InsertBatch(Handle handle, String sql, RowBatch parent) {
        this.sql = sql;
        this.parent = parent;
        try {
            this.statement = handle.getConnection().prepareStatement(sql);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @Override
    public void add(Object... values) {
        try {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else if (value instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else {
                    statement.setString(i + 1, value.toString());
                }
            }
            statement.addBatch();
            if (++pending >= FLUSH_EVERY) {
                flush();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("batch insert failed: " + sql.strip(), e, null);
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
            statement.executeBatch();
            pending = 0;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("batch insert failed: " + sql.strip(), e, null);
        }
    }

    @Override
    public void close() {
        try {
            statement.close();
        } catch (SQLException e) {
            // closing a statement of a live transaction does not fail in practice; nothing to undo
        }
    }
}
