package io.tfsync.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The catalog's persistent entities: the one write path ({@link #apply}) and the reads behind the
 * Backstage-compatible API. Implemented in {@code store} for SQLite and PostgreSQL.
 *
 * <p>Every read takes a {@link TenantScope} and filters by it in the query itself. Entities come
 * back complete: {@code metadata.uid}, {@code metadata.etag} and {@code relations} (those the
 * entity states and those other entities state about it) are filled in.
 */
public interface EntityRepository {

    /**
     * Applies a change set in one transaction: inserts new entities, updates those whose content
     * hash changed, leaves the rest untouched, and removes the listed refs the source owns. A ref
     * owned by another source is not touched and is reported as a conflict. Either everything is
     * written or nothing is.
     */
    ApplyResult apply(ChangeSet changes);

    /**
     * Applies everything one source holds now, in one transaction: its entities as {@link #apply}
     * writes them, and the removal of every other entity it owns.
     */
    ApplyResult replace(SourceSnapshot snapshot);

    /** One page of entities matching the query, in its order. */
    EntityPage find(EntityQuery query);

    /**
     * Every page of the query (its limit is the page size), all read in one snapshot, handed to
     * {@code sink} in order while the snapshot is held.
     */
    void findAll(EntityQuery query, Consumer<EntityPage> sink);

    /** How many entities match, ignoring order and paging. */
    long count(TenantScope scope, EntityFilter filter, FullTextFilter fullText);

    /** The entity with this ref (compared case-insensitively), if the scope can see it. */
    Optional<Entity> byRef(TenantScope scope, EntityRef ref);

    /** The entity with this uid, if the scope can see it. */
    Optional<Entity> byUid(TenantScope scope, String uid);

    /**
     * The entities with these refs, in the order asked, empty where the ref is unknown, outside the
     * scope, or does not match the filter.
     */
    List<Optional<Entity>> byRefs(TenantScope scope, List<EntityRef> refs, EntityFilter filter);

    /**
     * For each facet path, the distinct values among matching entities with their counts, most
     * frequent first.
     */
    Map<String, List<FacetCount>> facets(TenantScope scope, List<String> facets, EntityFilter filter);
}
