package io.tfsync.store;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityPage;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.FacetCount;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.catalog.PagePosition;
import io.tfsync.catalog.SearchRows;
import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.catalog.TenantScope;
import io.tfsync.events.CommittedEvents;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's entities on SQLite or PostgreSQL. Writes go through {@link EntityWriter} in one
 * transaction; pages are found by {@link SingleOrderPageQuery} or {@link PageQuery} and read by
 * {@link StoredEntities}. Every read runs in one transaction, so the entities and their relations
 * come from one snapshot.
 */
final class JdbiEntityRepository implements EntityRepository {

    private static final String COUNT = "SELECT COUNT(*) FROM entities e WHERE %s";

    /** By ref, within the scope; when the scope spans tenants, the lowest tenant id comes first. */
    private static final String SELECT_BY_REFS =
            "SELECT " + StoredEntities.COLUMNS + " FROM entities e WHERE e.entity_ref IN (%s) AND %s ORDER BY e.tenant";

    private static final String SELECT_BY_UID =
            "SELECT " + StoredEntities.COLUMNS + " FROM entities e WHERE e.uid = %s AND %s";

    /**
     * Counted in entities, not rows: an entity listing a value twice counts once. original_value is
     * stored only where it differs from value, and is null exactly when value is.
     */
    private static final String FACETS = """
            SELECT s.key, COALESCE(s.original_value, s.value) AS original_value, COUNT(DISTINCT s.entity_uid) AS n
            FROM entity_search s
            WHERE s.key IN (%s) AND s.value IS NOT NULL AND %s
            GROUP BY s.key, COALESCE(s.original_value, s.value)
            ORDER BY n DESC, COALESCE(s.original_value, s.value)
            """;

    private final Jdbi jdbi;
    private final Database database;
    private final InstantSource clock;
    private final CommittedEvents committed;

    JdbiEntityRepository(Database database, InstantSource clock, CommittedEvents committed) {
        this.jdbi = database.jdbi();
        this.database = database;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.committed = Objects.requireNonNull(committed, "committed");
    }

    private <T> T read(HandleCallback<T, RuntimeException> callback) {
        return database.read(callback);
    }

    @Override
    public ApplyResult replace(SourceSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return announced(UniqueViolations.retrying(() -> jdbi.inTransaction(
                handle -> EntityWriter.replace(handle, snapshot, clock.millis(), EntityWriter.AlsoWrite.NOTHING))));
    }

    @Override
    public ApplyResult apply(ChangeSet changes) {
        Objects.requireNonNull(changes, "changes");
        return announced(UniqueViolations.retrying(() -> jdbi.inTransaction(
                handle -> EntityWriter.apply(handle, changes, clock.millis(), EntityWriter.AlsoWrite.NOTHING))));
    }

    /** Tells waiting consumers, once the transaction has committed, that its events are there. */
    private ApplyResult announced(EntityWriter.Written written) {
        written.announce(committed);
        return written.result();
    }

    @Override
    public EntityPage find(EntityQuery query) {
        return read(handle -> find(handle, query));
    }

    @Override
    public void findAll(EntityQuery query, Consumer<EntityPage> sink) {
        read(handle -> {
            long lastEventOffset = JdbiEventLog.bounds(handle).last();
            EntityQuery next = query;
            while (true) {
                EntityPage page = find(handle, next, lastEventOffset);
                sink.accept(page);
                if (!page.hasMore() || page.last() == null) {
                    return null;
                }
                next = new EntityQuery(
                        query.scope(),
                        query.filter(),
                        query.fullText(),
                        query.order(),
                        page.last(),
                        false,
                        0,
                        query.limit());
            }
        });
    }

    private static EntityPage find(Handle handle, EntityQuery query) {
        // First, so PostgreSQL takes the snapshot here: the offset is the end of the log the page shows.
        return find(handle, query, JdbiEventLog.bounds(handle).last());
    }

    private static EntityPage find(Handle handle, EntityQuery query, long lastEventOffset) {
        Integer limit = query.limit();
        Integer fetch = limit == null ? null : limit + 1;
        List<PagePosition> positions = SingleOrderPageQuery.handles(query)
                ? SingleOrderPageQuery.positions(handle, query, fetch)
                : PageQuery.positions(handle, query, fetch);
        boolean hasMore = limit != null && positions.size() > limit;
        if (hasMore) {
            positions = positions.subList(0, limit);
        }
        if (query.backwards()) {
            positions = new ArrayList<>(positions);
            Collections.reverse(positions);
        }
        List<Entity> items = StoredEntities.byUids(
                handle, positions.stream().map(PagePosition::uid).toList());
        return positions.isEmpty()
                ? new EntityPage(List.of(), null, null, hasMore, lastEventOffset)
                : new EntityPage(items, positions.getFirst(), positions.getLast(), hasMore, lastEventOffset);
    }

    @Override
    public long count(TenantScope scope, EntityFilter filter, FullTextFilter fullText) {
        SqlBuilder sql = new SqlBuilder();
        sql.append(COUNT.formatted(EntityConditions.of(sql, "e.tenant", "e.uid", scope, filter, fullText)));
        return read(handle -> sql.query(handle).mapTo(Long.class).one());
    }

    @Override
    public Optional<Entity> byRef(TenantScope scope, EntityRef ref) {
        return byRefs(scope, List.of(ref), EntityFilter.ALL).getFirst();
    }

    @Override
    public Optional<Entity> byUid(TenantScope scope, String uid) {
        return read(handle -> {
            SqlBuilder sql = new SqlBuilder();
            String where = EntityConditions.of(sql, "e.tenant", "e.uid", scope, EntityFilter.ALL, null);
            sql.append(SELECT_BY_UID.formatted(sql.bind(uid), where));
            return StoredEntities.complete(
                            handle,
                            sql.query(handle).map(StoredEntities.Row::map).list())
                    .stream()
                    .findFirst();
        });
    }

    @Override
    public List<Optional<Entity>> byRefs(TenantScope scope, List<EntityRef> refs, EntityFilter filter) {
        return read(handle -> {
            List<String> keys = List.copyOf(
                    new LinkedHashSet<>(refs.stream().map(EntityRef::key).toList()));
            Map<String, StoredEntities.Row> rowByKey = new LinkedHashMap<>();
            for (int from = 0; from < keys.size(); from += StoredEntities.CHUNK) {
                SqlBuilder sql = new SqlBuilder();
                String inList = sql.bindAll(keys.subList(from, Math.min(keys.size(), from + StoredEntities.CHUNK)));
                String where = EntityConditions.of(sql, "e.tenant", "e.uid", scope, filter, null);
                sql.append(SELECT_BY_REFS.formatted(inList, where));
                sql.query(handle).map(StoredEntities.Row::map).forEach(row -> rowByKey.putIfAbsent(row.refKey(), row));
            }
            List<StoredEntities.Row> rows = List.copyOf(rowByKey.values());
            List<Entity> entities = StoredEntities.complete(handle, rows);
            Map<String, Entity> byKey = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                byKey.put(rows.get(i).refKey(), entities.get(i));
            }
            return refs.stream()
                    .map(ref -> Optional.ofNullable(byKey.get(ref.key())))
                    .toList();
        });
    }

    @Override
    public Map<String, List<FacetCount>> facets(TenantScope scope, List<String> facets, EntityFilter filter) {
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        if (facets.isEmpty()) {
            return out;
        }
        Map<String, List<FacetCount>> byKey = new HashMap<>();
        SqlBuilder sql = new SqlBuilder();
        String keys = sql.bindAll(
                facets.stream().map(SearchRows::normalize).distinct().toList());
        String where = EntityConditions.of(sql, "s.tenant", "s.entity_uid", scope, filter, null);
        sql.append(FACETS.formatted(keys, where));
        List<Map.Entry<String, FacetCount>> rows = read(handle -> sql.query(handle)
                .map((rs, ctx) ->
                        Map.entry(rs.getString("key"), new FacetCount(rs.getString("original_value"), rs.getLong("n"))))
                .list());
        for (Map.Entry<String, FacetCount> row : rows) {
            byKey.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
        }
        for (String facet : facets) {
            out.put(facet, List.copyOf(byKey.getOrDefault(SearchRows.normalize(facet), List.of())));
        }
        return out;
    }
}
