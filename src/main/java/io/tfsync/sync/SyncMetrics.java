package io.tfsync.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * What syncs did, for {@code /metrics}: {@code tfsync_sync_duration_seconds} (with p50/p95/p99 and a
 * histogram) and {@code tfsync_syncs_total} by workspace and outcome (and error kind when failed),
 * {@code tfsync_sync_entities_total} by workspace and change. Never a message or a value from state.
 */
final class SyncMetrics {

    private final MeterRegistry registry;

    SyncMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void finished(SyncRecord record, Duration took) {
        String outcome = record.status().id();
        String error = record.errorKind().orElse("none");
        Timer.builder("tfsync.sync.duration")
                .description("Time from a sync's start to its commit or failure")
                .tag("workspace", record.workspace())
                .tag("outcome", outcome)
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
        Counter.builder("tfsync.syncs")
                .description("Syncs finished, by outcome and error kind")
                .tag("workspace", record.workspace())
                .tag("outcome", outcome)
                .tag("error", error)
                .register(registry)
                .increment();
        entities(record.workspace(), "added", record.added());
        entities(record.workspace(), "updated", record.updated());
        entities(record.workspace(), "deleted", record.deleted());
        if (!record.conflicts().isEmpty()) {
            Counter.builder("tfsync.sync.conflicts")
                    .description("Entities a sync skipped because another source owns them")
                    .tag("workspace", record.workspace())
                    .register(registry)
                    .increment(record.conflicts().size());
        }
    }

    private void entities(String workspace, String change, int count) {
        Counter.builder("tfsync.sync.entities")
                .description("Entity rows written by syncs")
                .tag("workspace", workspace)
                .tag("change", change)
                .register(registry)
                .increment(count);
    }
}
