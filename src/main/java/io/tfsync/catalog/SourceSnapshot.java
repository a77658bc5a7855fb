package io.tfsync.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Everything one source holds now, within one tenant: applying it writes the entities (only where
 * their content changed) and removes every other entity the source owns. This is how a sync states
 * a workspace's catalog: it never needs to know, outside the writing transaction, what it owned.
 */
public record SourceSnapshot(String tenant, String ownerSource, List<Entity> entities) {
    public SourceSnapshot {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(ownerSource, "ownerSource");
        entities = List.copyOf(entities);
    }
}
