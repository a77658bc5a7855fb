package io.tfsync.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads the stream for consumers: a page at once, or a long poll that holds the request (not a
 * database connection) until an event the consumer asked for commits or the wait runs out.
 */
public final class EventStream {

    private final EventLog log;
    private final EventSignal signal;
    private final EventMetrics metrics;
    private final Clock clock;

    public EventStream(EventLog log, EventSignal signal, EventMetrics metrics, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The events after the query's offset; when there are none, waits up to {@code wait} for one. A
     * wait that ends empty answers the last offset it covered, so the consumer moves past filtered
     * events instead of scanning them again.
     */
    public EventPage poll(EventQuery query, Duration wait) throws InterruptedException {
        EventPage page = log.read(query);
        if (!page.events().isEmpty() || wait.isZero() || wait.isNegative()) {
            return page;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (signal.awaitAfter(query.scope(), page.lastEventOffset(), deadline)) {
            page = log.read(query.after(page.lastEventOffset()));
            if (!page.events().isEmpty()) {
                metrics.wokeUp(Duration.ofMillis(
                        Math.max(0, clock.millis() - page.events().getFirst().createdAt())));
                return page;
            }
        }
        return page;
    }

    /** The log's bounds now. */
    public LogBounds bounds() {
        return log.bounds();
    }

    public EventLog log() {
        return log;
    }

    public EventSignal signal() {
        return signal;
    }
}
