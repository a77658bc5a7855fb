package io.tfsync.catalog;

import java.util.List;

/**
 * One page of entities, always in the query's order (also when read backwards). {@code first} and
 * {@code last} are the positions of its first and last entity (null when empty); {@code hasMore}
 * says whether more entities lie beyond it in the direction read. {@code lastEventOffset} is the
 * event log's end in the same snapshot: following the event stream from it misses and repeats
 * nothing the page shows.
 */
public record EntityPage(
        List<Entity> items, PagePosition first, PagePosition last, boolean hasMore, long lastEventOffset) {
    public EntityPage {
        items = List.copyOf(items);
    }
}
