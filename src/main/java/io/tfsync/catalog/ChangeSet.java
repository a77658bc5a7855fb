package io.tfsync.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What one source wants the catalog to hold: entities to add or update and refs to remove, all
 * within one tenant and owned by one source (such as {@code tfc:acme/payments-prod}). Applied as one
 * transaction by {@link EntityRepository#apply}.
 */
public record ChangeSet(String tenant, String ownerSource, List<Entity> upserts, List<EntityRef> removals) {
    public ChangeSet {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(ownerSource, "ownerSource");
        upserts = List.copyOf(upserts);
        removals = List.copyOf(removals);
    }
}
