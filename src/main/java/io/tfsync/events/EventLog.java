package io.tfsync.events;

import io.tfsync.catalog.TenantScope;
import java.util.Set;

/**
 * The persistent event log, implemented in {@code store}. Events are appended by the catalog's one
 * write path, inside the transaction of the change; this role only reads and trims.
 */
public interface EventLog {

    /**
     * One page of events, read in one snapshot with the log's bounds. An offset past the end throws
     * {@link OffsetBeyondEndException}; one that retention has cut below throws {@link
     * OffsetGoneException} (0, the log's start, is never cut: it replays what retention kept).
     */
    EventPage read(EventQuery query);

    LogBounds bounds();

    /** The kinds (lower-cased) of the entities the scope can see now. */
    Set<String> kinds(TenantScope scope);

    /**
     * Removes the events at or below {@code throughOffset}, except the latest event of each entity
     * that still exists, and moves the floor up to it. At most {@code batch} offsets are covered per
     * transaction, so a long backlog never holds one long transaction.
     *
     * @return how many events were removed
     */
    long trim(long throughOffset, int batch);

    /** The highest offset of an event made before {@code epochMillis}, or 0. */
    long lastOffsetBefore(long epochMillis);
}
