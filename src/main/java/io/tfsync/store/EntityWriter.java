package io.tfsync.store;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityContent;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.OwnershipConflict;
import io.tfsync.catalog.Relation;
import io.tfsync.catalog.SearchRow;
import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.events.CommittedEvents;
import io.tfsync.events.EventType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/**
 * The one write path of the catalog: applies a {@link ChangeSet} inside the caller's transaction and
 * appends its events to the event log as the transaction's last step. An entity whose content hash is
 * unchanged is not written at all and makes no event; an entity owned by another source is never
 * written and is reported as a conflict.
 */
final class EntityWriter {

    private static final String SELECT_TENANT = "SELECT COUNT(*) FROM tenants WHERE id = :id";

    private static final String INSERT_TENANT = """
            INSERT INTO tenants (id, created_at) VALUES (:id, :now)
            ON CONFLICT (id) DO NOTHING
            """;

    private static final String SELECT_EXISTING = """
            SELECT uid, entity_ref, owner_source, content_hash
            FROM entities
            WHERE tenant = %s AND entity_ref IN (%s)
            """;

    private static final String INSERT_ENTITY = """
            INSERT INTO entities (uid, tenant, entity_ref, kind, namespace, name, owner_source,
                                  entity_json, content_hash, etag, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String UPDATE_ENTITY = """
            UPDATE entities
            SET kind = :kind, namespace = :namespace, name = :name,
                entity_json = :json, content_hash = :hash, etag = :etag, updated_at = :now
            WHERE uid = :uid
            """;

    private static final String DELETE_SEARCH_ROWS = "DELETE FROM entity_search WHERE entity_uid = :uid";

    private static final String DELETE_RELATIONS = "DELETE FROM relations WHERE originating_uid = :uid";

    /** The relations an entity states about others (their inverses), which show on those others. */
    private static final String SELECT_STATED_ABOUT_OTHERS = """
            SELECT source_ref, type, target_ref FROM relations
            WHERE originating_uid = :uid AND source_ref <> :self
            """;

    private static final String SELECT_SHOWN_ON =
            "SELECT DISTINCT source_ref FROM relations WHERE originating_uid IN (%s)";

    /**
     * Search rows and relations have no foreign key to their entity (checking one per row cost more
     * than writing it), so they are deleted with it here, by chunks of uids.
     */
    private static final String DELETE_ENTITIES = "DELETE FROM %s WHERE %s IN (%s)";

    /** seq tells an entity's rows apart in each table's primary key; see migration V7. */
    private static final String SEARCH_ROW_COLUMNS = "entity_uid, key, seq, tenant, value, original_value";

    private static final String INSERT_SEARCH_ROW =
            "INSERT INTO entity_search (" + SEARCH_ROW_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

    private static final String RELATION_COLUMNS = "originating_uid, seq, tenant, source_ref, type, target_ref";

    private static final String INSERT_RELATION =
            "INSERT INTO relations (" + RELATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

    private static final int CHUNK = 500;

    private static final String UID_KEY = "metadata.uid";

    private record Existing(String uid, String refKey, String ownerSource, String contentHash) {}

    private final Handle handle;
    private final ChangeSet changes;
    private final long now;
    private final RowBatch inserts;
    private final RowBatch searchRows;
    private final RowBatch relations;
    private final EventAppender events;

    private EntityWriter(
            Handle handle, ChangeSet changes, long now, RowBatch inserts, RowBatch searchRows, RowBatch relations) {
        this.handle = handle;
        this.changes = changes;
        this.now = now;
        this.inserts = inserts;
        this.searchRows = searchRows;
        this.relations = relations;
        this.events = new EventAppender(changes.tenant());
    }

    /**
     * What a write did, and the offset of its last event (0 when it made none), for the caller to
     * announce once the transaction has committed.
     */
    record Written(ApplyResult result, String tenant, long lastOffset, int events) {
        void announce(CommittedEvents committed) {
            if (events > 0) {
                committed.committed(tenant, lastOffset, events);
            }
        }
    }

    /** Work of the caller's that belongs in the same transaction, done before the events are appended. */
    @FunctionalInterface
    interface AlsoWrite {
        void write(Handle handle, ApplyResult result);

        AlsoWrite NOTHING = (handle, result) -> {};
    }

    private static final String SELECT_OWNED = """
            SELECT kind, namespace, name FROM entities WHERE tenant = :tenant AND owner_source = :owner
            """;

    /**
     * Applies a source's whole holding on {@code handle} (inside a transaction): its entities, and the
     * removal of every other entity it owns. What it owns is read in the same transaction, so nothing
     * another writer committed in between can be lost or removed by mistake.
     */
    static Written replace(Handle handle, SourceSnapshot snapshot, long now, AlsoWrite also) {
        Set<String> wanted = new HashSet<>();
        for (Entity entity : snapshot.entities()) {
            wanted.add(entity.ref().key());
        }
        List<EntityRef> removals = new ArrayList<>();
        handle.createQuery(SELECT_OWNED)
                .bind("tenant", snapshot.tenant())
                .bind("owner", snapshot.ownerSource())
                .map((rs, ctx) -> new EntityRef(rs.getString("kind"), rs.getString("namespace"), rs.getString("name")))
                .forEach(ref -> {
                    if (!wanted.contains(ref.key())) {
                        removals.add(ref);
                    }
                });
        removals.sort(Comparator.comparing(EntityRef::key));
        return apply(
                handle,
                new ChangeSet(snapshot.tenant(), snapshot.ownerSource(), snapshot.entities(), removals),
                now,
                also);
    }

    /**
     * Applies the change set on {@code handle}, which must be inside a transaction, then {@code also},
     * then appends the events.
     */
    static Written apply(Handle handle, ChangeSet changes, long now, AlsoWrite also) {
        Map<String, EntityContent> upserts = contents(changes);
        boolean postgres = isPostgres(handle);
        try (RowBatch inserts = new InsertBatch(handle, INSERT_ENTITY);
                RowBatch searchRows = postgres
                        ? new CopyBatch(handle, "entity_search", SEARCH_ROW_COLUMNS, inserts)
                        : new InsertBatch(handle, INSERT_SEARCH_ROW, inserts);
                RowBatch relations = postgres
                        ? new CopyBatch(handle, "relations", RELATION_COLUMNS, inserts)
                        : new InsertBatch(handle, INSERT_RELATION, inserts)) {
            EntityWriter writer = new EntityWriter(handle, changes, now, inserts, searchRows, relations);
            ApplyResult result = writer.run(upserts);
            also.write(handle, result);
            long last = writer.events.append(handle, postgres, now);
            return new Written(result, changes.tenant(), last, writer.events.count());
        }
    }

    /** The derived content of every upsert, by ref key; computed before any write so bad input writes nothing. */
    private static Map<String, EntityContent> contents(ChangeSet changes) {
        if (changes.tenant().isBlank() || changes.ownerSource().isBlank()) {
            throw new IllegalArgumentException("a change set needs a tenant and an owner source, got tenant '"
                    + changes.tenant() + "' and owner source '" + changes.ownerSource() + "'");
        }
        Map<String, EntityContent> upserts = new LinkedHashMap<>();
        for (Entity entity : changes.upserts()) {
            EntityContent content = EntityContent.of(entity);
            if (upserts.putIfAbsent(content.ref().key(), content) != null) {
                throw new IllegalArgumentException(
                        "the change set of " + changes.ownerSource() + " holds " + content.ref() + " more than once");
            }
        }
        for (EntityRef removal : changes.removals()) {
            if (upserts.containsKey(removal.key())) {
                throw new IllegalArgumentException(
                        "the change set of " + changes.ownerSource() + " both writes and removes " + removal);
            }
        }
        return upserts;
    }

    private ApplyResult run(Map<String, EntityContent> upserts) {
        if (!upserts.isEmpty()) {
            ensureTenant();
        }
        int added = 0, updated = 0, removed = 0, unchanged = 0;
        List<OwnershipConflict> conflicts = new ArrayList<>();
        Map<String, Existing> existing = existing(upserts.keySet());
        events.readShown(handle, toWrite(upserts, existing));
        for (EntityContent content : upserts.values()) {
            Existing row = existing.get(content.ref().key());
            if (row == null) {
                insert(content);
                added++;
            } else if (!row.ownerSource().equals(changes.ownerSource())) {
                conflicts.add(new OwnershipConflict(content.ref(), changes.ownerSource(), row.ownerSource()));
            } else if (row.contentHash().equals(content.contentHash())) {
                unchanged++;
            } else {
                update(row.uid(), content);
                updated++;
            }
        }
        inserts.flush();
        searchRows.flush();
        relations.flush();
        Map<String, Existing> toRemove = existing(
                changes.removals().stream().map(EntityRef::key).collect(LinkedHashSet::new, Set::add, Set::addAll));
        List<String> doomed = new ArrayList<>();
        for (EntityRef ref : changes.removals()) {
            Existing row = toRemove.remove(ref.key());
            if (row == null) {
                continue;
            }
            if (!row.ownerSource().equals(changes.ownerSource())) {
                conflicts.add(new OwnershipConflict(ref, changes.ownerSource(), row.ownerSource()));
                continue;
            }
            doomed.add(row.uid());
            events.removed(ref, row.uid());
        }
        removed += delete(doomed);
        return new ApplyResult(added, updated, removed, unchanged, conflicts);
    }

    /** The ref keys of the upserts that will be inserted or updated (not unchanged, not another's). */
    private List<String> toWrite(Map<String, EntityContent> upserts, Map<String, Existing> existing) {
        List<String> keys = new ArrayList<>();
        for (EntityContent content : upserts.values()) {
            Existing row = existing.get(content.ref().key());
            if (row == null
                    || (row.ownerSource().equals(changes.ownerSource())
                            && !row.contentHash().equals(content.contentHash()))) {
                keys.add(content.ref().key());
            }
        }
        return keys;
    }

    private static boolean isPostgres(Handle handle) {
        try {
            return handle.getConnection().isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Deletes the entities (the source's own, checked by the caller) with their derived rows. */
    private int delete(List<String> uids) {
        int deleted = 0;
        for (int from = 0; from < uids.size(); from += CHUNK) {
            List<String> chunk = uids.subList(from, Math.min(uids.size(), from + CHUNK));
            SqlBuilder shownOn = new SqlBuilder();
            shownOn.append(SELECT_SHOWN_ON.formatted(shownOn.bindAll(chunk)));
            shownOn.query(handle).mapTo(String.class).forEach(events::relationsChanged);
            deleteWhere("entity_search", "entity_uid", chunk);
            deleteWhere("relations", "originating_uid", chunk);
            deleted += deleteWhere("entities", "uid", chunk);
        }
        return deleted;
    }

    private int deleteWhere(String table, String column, List<String> uids) {
        SqlBuilder sql = new SqlBuilder();
        sql.append(DELETE_ENTITIES.formatted(table, column, sql.bindAll(uids)));
        return sql.update(handle).execute();
    }

    private void ensureTenant() {
        long known = handle.createQuery(SELECT_TENANT)
                .bind("id", changes.tenant())
                .mapTo(Long.class)
                .one();
        if (known == 0) {
            handle.createUpdate(INSERT_TENANT)
                    .bind("id", changes.tenant())
                    .bind("now", now)
                    .execute();
        }
    }

    private Map<String, Existing> existing(Set<String> refKeys) {
        Map<String, Existing> found = new HashMap<>();
        List<String> keys = List.copyOf(refKeys);
        for (int from = 0; from < keys.size(); from += CHUNK) {
            SqlBuilder sql = new SqlBuilder();
            sql.append(SELECT_EXISTING.formatted(
                    sql.bind(changes.tenant()), sql.bindAll(keys.subList(from, Math.min(keys.size(), from + CHUNK)))));
            sql.query(handle)
                    .map((rs, ctx) -> new Existing(
                            rs.getString("uid"),
                            rs.getString("entity_ref"),
                            rs.getString("owner_source"),
                            rs.getString("content_hash")))
                    .forEach(row -> found.put(row.refKey(), row));
        }
        return found;
    }

    private void insert(EntityContent content) {
        String uid = Uids.next(now);
        EntityRef ref = content.ref();
        inserts.add(
                uid,
                changes.tenant(),
                ref.key(),
                ref.kind(),
                ref.namespace(),
                ref.name(),
                changes.ownerSource(),
                content.canonicalJson(),
                content.contentHash(),
                etag(content),
                now,
                now);
        addDerivedRows(uid, content);
        events.written(EventType.ADDED, ref, uid, content.canonicalJson(), etag(content), content.relations());
        for (Relation relation : content.relations()) {
            if (!relation.source().sameEntityAs(ref)) {
                events.relationsChanged(relation.source().key());
            }
        }
    }

    private void update(String uid, EntityContent content) {
        EntityRef ref = content.ref();
        handle.createUpdate(UPDATE_ENTITY)
                .bind("uid", uid)
                .bind("kind", ref.kind())
                .bind("namespace", ref.namespace())
                .bind("name", ref.name())
                .bind("json", content.canonicalJson())
                .bind("hash", content.contentHash())
                .bind("etag", etag(content))
                .bind("now", now)
                .execute();
        noteRelationChanges(uid, content);
        handle.createUpdate(DELETE_SEARCH_ROWS).bind("uid", uid).execute();
        handle.createUpdate(DELETE_RELATIONS).bind("uid", uid).execute();
        addDerivedRows(uid, content);
        events.written(EventType.UPDATED, ref, uid, content.canonicalJson(), etag(content), content.relations());
    }

    /** The entities on which a relation this update adds or drops shows (other than the entity itself). */
    private void noteRelationChanges(String uid, EntityContent content) {
        record Shown(String sourceRef, String type, String targetRef) {}
        EntityRef self = content.ref();
        Set<Shown> before = new HashSet<>(handle.createQuery(SELECT_STATED_ABOUT_OTHERS)
                .bind("uid", uid)
                .bind("self", self.key())
                .map((rs, ctx) ->
                        new Shown(rs.getString("source_ref"), rs.getString("type"), rs.getString("target_ref")))
                .list());
        Set<Shown> after = new HashSet<>();
        for (Relation relation : content.relations()) {
            if (!relation.source().sameEntityAs(self)) {
                after.add(new Shown(
                        relation.source().key(),
                        relation.type(),
                        relation.target().toString()));
            }
        }
        for (Shown shown : before) {
            if (!after.contains(shown)) {
                events.relationsChanged(shown.sourceRef());
            }
        }
        for (Shown shown : after) {
            if (!before.contains(shown)) {
                events.relationsChanged(shown.sourceRef());
            }
        }
    }

    private void addDerivedRows(String uid, EntityContent content) {
        // The uid is ours to give, so its row is too: any metadata.uid row derived from the entity as
        // written (absent, or a stale uid copied from another read) gives way to the stored one.
        // The derived rows are distinct already (SearchRows and Relations fold repeats).
        int seq = 0;
        for (SearchRow row : content.searchRows()) {
            if (!row.key().equals(UID_KEY)) {
                addSearchRow(uid, seq++, row);
            }
        }
        addSearchRow(uid, seq, new SearchRow(UID_KEY, uid, uid));
        seq = 0;
        for (Relation relation : content.relations()) {
            relations.add(
                    uid,
                    seq++,
                    changes.tenant(),
                    relation.source().key(),
                    relation.type(),
                    relation.target().toString());
        }
    }

    private void addSearchRow(String uid, int seq, SearchRow row) {
        // Kept only where it differs from the lower-cased value, which is rare; readers coalesce.
        String original = row.value() != null && row.value().equals(row.originalValue()) ? null : row.originalValue();
        searchRows.add(uid, row.key(), seq, changes.tenant(), row.value(), original);
    }

    /** The etag changes exactly when the stored content does. */
    private static String etag(EntityContent content) {
        return content.contentHash().substring(0, 32);
    }
}
