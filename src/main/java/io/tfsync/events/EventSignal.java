package io.tfsync.events;

import io.tfsync.catalog.TenantScope;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What this instance knows of the log's end, and the place long polls wait for it to move. Writers on
 * this instance, the relay of other instances' commits (PostgreSQL NOTIFY) and a slow poll of the log
 * all call {@link #advance}; a waiting request blocks its (virtual) thread here, holding no database
 * connection, and wakes when one of its tenants' events has committed past the offset it has read.
 */
public final class EventSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Map<String, Long> lastByTenant = new HashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private long last;
    /** The highest offset committed by a writer whose tenant is unknown here: it may be anyone's. */
    private long lastOfUnknownTenant;

    private boolean closed;

    /**
     * Records that events up to {@code offset} have committed, written for {@code tenant}; a null
     * tenant means "someone's", which wakes every waiter behind the offset.
     */
    public void advance(String tenant, long offset) {
        lock.lock();
        try {
            boolean moved = false;
            if (tenant == null) {
                if (offset > lastOfUnknownTenant) {
                    lastOfUnknownTenant = offset;
                    moved = true;
                }
            } else if (offset > lastByTenant.getOrDefault(tenant, 0L)) {
                lastByTenant.put(tenant, offset);
                moved = true;
            }
            if (offset > last) {
                last = offset;
            }
            if (moved) {
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The highest committed offset this instance has heard of. */
    public long last() {
        lock.lock();
        try {
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** How many requests are waiting now. */
    public int waiting() {
        return waiting.get();
    }

    /**
     * Waits until an event the scope may see has committed past {@code offset}, or until the deadline
     * ({@link System#nanoTime()} based). Returns whether such an event is known to have committed.
     */
    public boolean awaitAfter(TenantScope scope, long offset, long deadlineNanos) throws InterruptedException {
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (!closed && !committedAfter(scope, offset)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(60)));
            }
            return !closed;
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    /**
     * Ends every wait, now and later: on shutdown, long polls answer what they have and event streams
     * end, so the server can drain its requests instead of holding them for a minute.
     */
    public void close() {
        lock.lock();
        try {
            closed = true;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean committedAfter(TenantScope scope, long offset) {
        if (lastOfUnknownTenant > offset) {
            return true;
        }
        return switch (scope) {
            case TenantScope.AllTenants all -> last > offset;
            case TenantScope.Tenants tenants ->
                tenants.tenants().stream().anyMatch(t -> lastByTenant.getOrDefault(t, 0L) > offset);
        };
    }
}
