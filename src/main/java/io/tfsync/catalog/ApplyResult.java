package io.tfsync.catalog;

import java.util.List;

/** What applying a {@link ChangeSet} did: counts of rows written and the conflicts it skipped. */
public record ApplyResult(int added, int updated, int removed, int unchanged, List<OwnershipConflict> conflicts) {
    public ApplyResult {
        conflicts = List.copyOf(conflicts);
    }

    public boolean changedAnything() {
        return added + updated + removed > 0;
    }
}
