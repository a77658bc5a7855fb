package io.tfsync.catalog;

import java.util.Objects;

/** Sort by the value at a dotted field path; entities without the field sort last. */
public record EntityOrder(String field, Direction direction) {

    public enum Direction {
        ASC,
        DESC
    }

    public EntityOrder {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
        field = SearchRows.normalize(field);
    }
}
