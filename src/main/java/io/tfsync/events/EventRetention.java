package io.tfsync.events;

import io.tfsync.config.EventsConfig;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the log within {@code events.retention}: events older than {@code maxAge} and those beyond the
 * newest {@code maxEvents} are removed, except the latest event of each entity that still exists, so
 * the log from offset 0 still replays into the current catalog. Safe to run on every instance at once:
 * trimming is idempotent and the floor only rises.
 */
public final class EventRetention {

    private static final Logger LOG = LoggerFactory.getLogger(EventRetention.class);
    private static final int BATCH = 10_000;

    private final EventLog log;
    private final EventsConfig.Retention retention;
    private final EventMetrics metrics;
    private final Clock clock;

    public EventRetention(EventLog log, EventsConfig.Retention retention, EventMetrics metrics, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One pass; returns how many events it removed. */
    public long run() {
        LogBounds bounds = log.bounds();
        long byCount = bounds.last() - retention.maxEvents();
        long byAge = log.lastOffsetBefore(clock.millis() - retention.maxAge().toMillis());
        long through = Math.max(byCount, byAge);
        if (through <= bounds.floor()) {
            return 0;
        }
        long removed = log.trim(through, BATCH);
        metrics.removed(removed);
        LOG.info(
                "Event retention removed {} events at or below offset {} (older than {} or beyond the newest {});"
                        + " consumers behind offset {} must list the entities again",
                removed,
                through,
                retention.maxAge(),
                retention.maxEvents(),
                through);
        return removed;
    }
}
