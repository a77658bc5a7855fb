package io.tfsync.sync;

import io.tfsync.catalog.OwnershipConflict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One sync in the history: queued by a trigger, then run once. {@code added}, {@code updated} and
 * {@code deleted} count entity rows written; {@code conflicts} are entities the state maps to that
 * another source owns, left as they were; {@code error} is one sentence when it failed, and
 * {@code errorKind} a short stable word for metrics ({@code not_found}, {@code invalid_state}, ...).
 */
public record SyncRecord(
        String syncId,
        String workspace,
        String tenant,
        Trigger trigger,
        Optional<String> runId,
        SyncStatus status,
        Instant queuedAt,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        int added,
        int updated,
        int deleted,
        List<OwnershipConflict> conflicts,
        Optional<String> error,
        Optional<String> errorKind,
        int attempt) {

    public SyncRecord {
        Objects.requireNonNull(syncId, "syncId");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(queuedAt, "queuedAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        conflicts = List.copyOf(conflicts);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(errorKind, "errorKind");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
    }

    /** {@code +2 ~1 -0}, as the CLI prints it. */
    public String counts() {
        return "+" + added + " ~" + updated + " -" + deleted;
    }
}
