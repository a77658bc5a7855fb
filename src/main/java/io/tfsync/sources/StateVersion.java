package io.tfsync.sources;

import java.util.Objects;

/**
 * How a source names one version of a state before downloading it: Terraform Cloud's state version
 * id (unique to one lineage and serial) and the serial. Two equal versions hold the same state.
 */
public record StateVersion(String id, long serial) {
    public StateVersion {
        Objects.requireNonNull(id, "id");
    }
}
