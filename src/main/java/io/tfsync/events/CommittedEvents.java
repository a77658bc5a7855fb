package io.tfsync.events;

/**
 * Told by the store after a transaction that appended events has committed, never before: waiters
 * woken earlier could read the log and miss them.
 */
@FunctionalInterface
public interface CommittedEvents {

    /** {@code count} events of {@code tenant} committed, the last of them at {@code lastOffset}. */
    void committed(String tenant, long lastOffset, int count);

    CommittedEvents NONE = (tenant, lastOffset, count) -> {};
}
