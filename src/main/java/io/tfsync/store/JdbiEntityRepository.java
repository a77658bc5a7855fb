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
import io.tfsync.catalog.TenantScope;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The catalog's entities on SQLite or PostgreSQL. Writes go through {@link EntityWriter} in one
 * transaction; pages are found by {@link PageQuery} and read by {@link StoredEntities}. Every read
 * runs in one transaction, so the entities and their relations come from one snapshot.
 */
final class JdbiEntityRepository implements EntityRepository {

    private static final String COUNT = "SELECT COUNT(*) FROM entities e WHERE %s";

    /** By ref: within the scope; across tenants the lowest tenant id wins, as for {@link #byRef}. */
    private static final String SELECT_UIDS_BY_REF = """
            SELECT e.uid, e.entity_ref, e.tenant
            FROM entities e
            WHERE e.entity_ref IN (%s) AND %s
            ORDER BY e.tenant
            """;

    private static final String SELECT_UID_BY_UID = "SELECT e.uid FROM entities e WHERE e.uid = %s AND %s";

    /** Counted in entities, not rows: an entity listing a value twice counts once. */
    private static final String FACETS = """
            SELECT s.key, s.original_value, COUNT(DISTINCT s.entity_uid) AS n
            FROM entity_search s
            WHERE s.key IN (%s) AND s.original_value IS NOT NULL AND %s
            GROUP BY s.key, s.original_value
            ORDER BY n DESC, s.original_value
            """;

    private final Jdbi jdbi;
    private final TransactionIsolationLevel snapshot;
    private final InstantSource clock;

    JdbiEntityRepository(Database database, InstantSource clock) {
        this.jdbi = database.jdbi();
        this.snapshot = TransactionIsolationLevel.valueOf(database.dialect().snapshotIsolation());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs a read of several statements on one snapshot of the database. */
    private <T> T read(HandleCallback<T, RuntimeException> callback) {
        return jdbi.inTransaction(snapshot, callback);
    }

    @Override
    public ApplyResult apply(ChangeSet changes) {
        Objects.requireNonNull(changes, "changes");
        return jdbi.inTransaction(handle -> EntityWriter.apply(handle, changes, clock.millis()));
    }

    @Override
    public EntityPage find(EntityQuery query) {
        return read(handle -> find(handle, query));
    }

    private static EntityPage find(Handle handle, EntityQuery query) {
        Integer limit = query.limit();
        List<PagePosition> positions = PageQuery.positions(handle, query, limit == null ? null : limit + 1);
        boolean hasMore = limit != null && positions.size() > limit;
        if (hasMore) {
            positions = positions.subList(0, limit);
        }
        if (query.backwards()) {
            positions = new ArrayList<>(positions);
            Collections.reverse(positions);
        }
        List<Entity> items = StoredEntities.load(
                handle, positions.stream().map(PagePosition::uid).toList());
        return positions.isEmpty()
                ? new EntityPage(List.of(), null, null, hasMore)
                : new EntityPage(items, positions.getFirst(), positions.getLast(), hasMore);
    }

    @Override
    public long count(TenantScope scope, EntityFilter filter, FullTextFilter fullText) {
        SqlBuilder sql = new SqlBuilder();
        sql.append(COUNT.formatted(EntityConditions.of(sql, "e.tenant", "e.uid", scope, filter, fullText)));
        return jdbi.withHandle(handle -> sql.query(handle).mapTo(Long.class).one());
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
            sql.append(SELECT_UID_BY_UID.formatted(sql.bind(uid), where));
            List<String> uids = sql.query(handle).mapTo(String.class).list();
            return StoredEntities.load(handle, uids).stream().findFirst();
        });
    }

    @Override
    public List<Optional<Entity>> byRefs(TenantScope scope, List<EntityRef> refs, EntityFilter filter) {
        return read(handle -> {
            List<String> keys = new ArrayList<>(
                    new LinkedHashSet<>(refs.stream().map(EntityRef::key).toList()));
            Map<String, String> uidByKey = new HashMap<>();
            for (int from = 0; from < keys.size(); from += StoredEntities.CHUNK) {
                SqlBuilder sql = new SqlBuilder();
                String inList = sql.bindAll(keys.subList(from, Math.min(keys.size(), from + StoredEntities.CHUNK)));
                String where = EntityConditions.of(sql, "e.tenant", "e.uid", scope, filter, null);
                sql.append(SELECT_UIDS_BY_REF.formatted(inList, where));
                sql.query(handle)
                        .map((rs, ctx) -> Map.entry(rs.getString("entity_ref"), rs.getString("uid")))
                        .forEach(found -> uidByKey.putIfAbsent(found.getKey(), found.getValue()));
            }
            Map<String, Entity> byUid = new HashMap<>();
            for (Entity entity : StoredEntities.load(handle, List.copyOf(uidByKey.values()))) {
                byUid.put(entity.at("metadata.uid").asText(), entity);
            }
            return refs.stream()
                    .map(ref -> Optional.ofNullable(uidByKey.get(ref.key())).map(byUid::get))
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
        jdbi.useHandle(handle -> sql.query(handle)
                .map((rs, ctx) ->
                        Map.entry(rs.getString("key"), new FacetCount(rs.getString("original_value"), rs.getLong("n"))))
                .forEach(row -> byKey.computeIfAbsent(row.getKey(), k -> new ArrayList<>())
                        .add(row.getValue())));
        for (String facet : facets) {
            out.put(facet, List.copyOf(byKey.getOrDefault(SearchRows.normalize(facet), List.of())));
        }
        return out;
    }
}
