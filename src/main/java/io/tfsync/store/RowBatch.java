package io.tfsync.store;

/**
 * Rows of one table, gathered and sent in bulk inside the caller's transaction: {@link InsertBatch}
 * everywhere, {@link CopyBatch} for the derived rows on PostgreSQL. A batch made with a parent sends
 * the parent's pending rows before its own, so rows that refer to them find them.
 */
interface RowBatch extends AutoCloseable {

    /** Adds one row; values are strings, longs or null. */
    void add(Object... values);

    /** Sends the pending rows. */
    void flush();

    @Override
    void close();
}
