package io.tfsync.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where a keyset page ends: the sort values of the last entity seen (one per order field, null where
 * the entity has no value) and its uid, which breaks ties. The next page starts strictly after it.
 */
public record PagePosition(List<String> sortValues, String uid) {
    public PagePosition {
        sortValues = Collections.unmodifiableList(new ArrayList<>(sortValues));
        Objects.requireNonNull(uid, "uid");
    }
}
