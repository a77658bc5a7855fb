package io.tfsync.sync;

import io.tfsync.sources.StateVersion;
import java.util.Objects;
import java.util.Optional;

/**
 * What a workspace's last successful sync saw: the state version its source named (if it names
 * versions), the state's own serial and lineage, and the fingerprint of the mapping that made its
 * entities and the Terraform Cloud run that wrote the state, if the source knows it. A later sync may
 * skip the download only when the version and the fingerprint match.
 */
public record SyncedState(
        Optional<StateVersion> version,
        Optional<Long> serial,
        Optional<String> lineage,
        String mapping,
        Optional<String> runId) {
    public SyncedState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(mapping, "mapping");
    }
}
