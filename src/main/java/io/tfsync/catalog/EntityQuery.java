package io.tfsync.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A read of many entities: who asks, which entities, in what order, and which page.
 *
 * <p>Order is the given fields (entities without a value sort last), then uid. Paging is either
 * keyset ({@code after} a position, {@code backwards} to read the page before it) or, for
 * Backstage's legacy {@code offset} parameter, a plain offset. {@code limit} null means every
 * matching entity.
 */
public record EntityQuery(
        TenantScope scope,
        EntityFilter filter,
        FullTextFilter fullText,
        List<EntityOrder> order,
        PagePosition after,
        boolean backwards,
        int offset,
        Integer limit) {

    public EntityQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        order = List.copyOf(order);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (limit != null && limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (after != null && after.sortValues().size() != order.size()) {
            throw new IllegalArgumentException("a page position needs one sort value per order field");
        }
    }

    public static EntityQuery all(TenantScope scope) {
        return new EntityQuery(scope, EntityFilter.ALL, null, List.of(), null, false, 0, null);
    }
}
