package io.tfsync.config;

import java.time.Duration;
import java.util.Objects;

/** The event log: how long events are kept. */
public record EventsConfig(Retention retention) {

    public EventsConfig {
        Objects.requireNonNull(retention, "retention");
    }

    public static EventsConfig defaults() {
        return new EventsConfig(Retention.defaults());
    }

    /**
     * Events older than {@code maxAge}, or beyond the newest {@code maxEvents}, are removed, except the
     * last event of each entity (compaction).
     */
    public record Retention(Duration maxAge, long maxEvents) {

        public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
        public static final long DEFAULT_MAX_EVENTS = 10_000_000L;

        public Retention {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxAge must be positive");
            }
            if (maxEvents < 1) {
                throw new IllegalArgumentException("maxEvents must be at least 1");
            }
        }

        public static Retention defaults() {
            return new Retention(DEFAULT_MAX_AGE, DEFAULT_MAX_EVENTS);
        }
    }
}
