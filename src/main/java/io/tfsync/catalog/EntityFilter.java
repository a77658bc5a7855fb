package io.tfsync.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Backstage's entity filter: any of several sets must match (repeated {@code filter} parameters),
 * and within a set every condition must match ({@code kind=resource,spec.type=database}). Keys and
 * values compare case-insensitively. An empty filter matches every entity.
 */
public record EntityFilter(List<FilterSet> anyOf) {

    public static final EntityFilter ALL = new EntityFilter(List.of());

    public EntityFilter {
        anyOf = List.copyOf(anyOf);
    }

    public boolean matchesAll() {
        return anyOf.isEmpty();
    }

    /** Conditions that must all hold. */
    public record FilterSet(List<Condition> allOf) {
        public FilterSet {
            allOf = List.copyOf(allOf);
            if (allOf.isEmpty()) {
                throw new IllegalArgumentException("a filter set needs at least one condition");
            }
        }
    }

    /**
     * The entity has a value at {@code key} (a dotted path such as {@code metadata.annotations.x}),
     * equal to any of {@code values}; with no values, the key merely exists. Both are stored
     * lower-cased.
     */
    public record Condition(String key, List<String> values) {
        public Condition {
            Objects.requireNonNull(key, "key");
            key = SearchRows.normalize(key);
            values = values.stream().map(SearchRows::normalize).toList();
        }

        public boolean isExistence() {
            return values.isEmpty();
        }
    }
}
