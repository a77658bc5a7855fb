package io.tfsync.events;

import io.tfsync.catalog.TenantScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What this instance knows of the log's end, and the place long polls wait for it to move. Writers on
 * this instance, the relay of other instances' commits (PostgreSQL NOTIFY) and a slow poll of the log
 * all call {@link #advance}; a waiting request registers a callback here ({@link #whenCommittedAfter}),
 * holding neither a database connection nor a thread, and is run when one of its tenants' events has
 * committed past the offset it has read.
 */
public final class EventSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> lastByTenant = new HashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private long last;
    /** The highest offset committed by a writer whose tenant is unknown here: it may be anyone's. */
    private long lastOfUnknownTenant;

    private boolean closed;
    /** Waits that hold no thread: each is run (once) when its condition holds, or cancelled. */
    private final Set<AsyncWait> asyncWaits = new LinkedHashSet<>();

    /** A registered wait that holds no thread; {@link #cancel} forgets it (its time ran out). */
    public final class AsyncWait {
        private final TenantScope scope;
        private final long offset;
        private final Runnable then;

        private AsyncWait(TenantScope scope, long offset, Runnable then) {
            this.scope = scope;
            this.offset = offset;
            this.then = then;
        }

        public void cancel() {
            lock.lock();
            try {
                if (asyncWaits.remove(this)) {
                    waiting.decrementAndGet();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Records that events up to {@code offset} have committed, written for {@code tenant}; a null
     * tenant means "someone's", which wakes every waiter behind the offset.
     */
    public void advance(String tenant, long offset) {
        List<AsyncWait> due = List.of();
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
                due = takeDue();
            }
        } finally {
            lock.unlock();
        }
        due.forEach(EventSignal::start);
    }

    /** The async waits whose condition holds now, taken out of the set; under the lock. */
    private List<AsyncWait> takeDue() {
        List<AsyncWait> due = new ArrayList<>();
        for (Iterator<AsyncWait> it = asyncWaits.iterator(); it.hasNext(); ) {
            AsyncWait wait = it.next();
            if (closed || committedAfter(wait.scope, wait.offset)) {
                it.remove();
                waiting.decrementAndGet();
                due.add(wait);
            }
        }
        return due;
    }

    private static void start(AsyncWait wait) {
        Thread.ofVirtual().name("tfsync-event-wakeup").start(wait.then);
    }

    /**
     * Runs {@code then} (on a thread of its own) once an event the scope may see has committed past
     * {@code offset}, or the signal closes; at once when that is already so. A long poll waiting this
     * way holds no thread, only its request.
     */
    public AsyncWait whenCommittedAfter(TenantScope scope, long offset, Runnable then) {
        AsyncWait wait = new AsyncWait(scope, offset, then);
        lock.lock();
        try {
            if (!closed && !committedAfter(scope, offset)) {
                asyncWaits.add(wait);
                waiting.incrementAndGet();
                return wait;
            }
        } finally {
            lock.unlock();
        }
        start(wait);
        return wait;
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
     * Ends every wait, now and later: on shutdown, long polls answer what they have and event streams
     * end, so the server can drain its requests instead of holding them for a minute.
     */
    public void close() {
        List<AsyncWait> due;
        lock.lock();
        try {
            closed = true;
            due = takeDue();
        } finally {
            lock.unlock();
        }
        due.forEach(EventSignal::start);
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
