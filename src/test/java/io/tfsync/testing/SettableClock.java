package io.tfsync.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that stands still until a test moves it. Starts at 2026-01-01T00:00:00Z. */
public final class SettableClock implements InstantSource {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now = START;

    @Override
    public Instant instant() {
        return now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    /** Moves the clock forward and returns the new time. */
    public Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
    }
}
