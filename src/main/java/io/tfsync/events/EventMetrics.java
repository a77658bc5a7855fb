package io.tfsync.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * The stream's meters: {@code tfsync_events_appended_total}, {@code tfsync_events_waiting} (requests
 * in a long poll now), {@code tfsync_events_wakeup_seconds} (from an event's commit to the response of
 * a consumer that waited for it; a histogram, so {@code histogram_quantile} gives p50 and p99 across
 * instances) and {@code tfsync_events_retention_deleted_total}.
 */
public final class EventMetrics {

    private final Counter appended;
    private final Timer wakeUp;
    private final Counter retained;

    public EventMetrics(MeterRegistry registry, EventSignal signal) {
        Objects.requireNonNull(registry, "registry");
        this.appended = Counter.builder("tfsync.events.appended")
                .description("Events written to the catalog event log by this instance")
                .register(registry);
        this.wakeUp = Timer.builder("tfsync.events.wakeup")
                .description("Time from an event's commit to the answer of a long poll that waited for it")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        this.retained = Counter.builder("tfsync.events.retention.deleted")
                .description("Events removed by retention")
                .register(registry);
        Gauge.builder("tfsync.events.waiting", signal, EventSignal::waiting)
                .description("Requests waiting in a long poll or an idle event stream now")
                .register(registry);
    }

    public void appended(int count) {
        appended.increment(count);
    }

    void wokeUp(Duration latency) {
        wakeUp.record(latency);
    }

    void removed(long count) {
        retained.increment(count);
    }
}
