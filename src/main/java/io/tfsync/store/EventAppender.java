package io.tfsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.Relation;
import io.tfsync.events.EventType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Collects the events of one catalog transaction while {@link EntityWriter} changes entities, and
 * appends them as the transaction's last step. Each event carries the entity as {@code GET /entities}
 * shows it after the change, relations included; an entity whose relations changed because another
 * entity started or stopped stating one about it gets an {@code updated} event too, so a consumer's
 * copy stays equal to the catalog.
 *
 * <p>The offsets come from the single {@code event_log} row, updated here after every other write:
 * its row lock makes the next writer wait until this transaction ends, so offsets are handed out in
 * commit order and never behind a reader.
 */
final class EventAppender {

    /**
     * The NOTIFY channel, as SQL: channels are per database, not per schema, so instances on another
     * schema of the same database (several deployments, tests) must not hear each other.
     */
    static final String CHANNEL = "left('tfsync_events.' || current_schema(), 63)";

    private static final String NEXT_OFFSETS = "UPDATE event_log SET last_offset = last_offset + :n WHERE id = 1";

    private static final String LAST_OFFSET = "SELECT last_offset FROM event_log WHERE id = 1";

    /** Takes the counter row's lock without changing it, before the reads that complete the events. */
    private static final String LOCK_OFFSETS = "UPDATE event_log SET last_offset = last_offset WHERE id = 1";

    private static final String INSERT_EVENT = """
            INSERT INTO events (event_offset, tenant, type, entity_ref, kind, namespace, entity_json, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String SELECT_AFFECTED =
            "SELECT " + StoredEntities.COLUMNS + " FROM entities e WHERE e.tenant = %s AND e.entity_ref IN (%s)";

    /** The relations shown on these entities, with the entity whose spec states each one. */
    private static final String SELECT_SHOWN = """
            SELECT originating_uid, source_ref, type, target_ref FROM relations
            WHERE tenant = %s AND source_ref IN (%s)
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A written entity's event; {@code stated} is every relation its spec states, inverses included. */
    private record Pending(EventType type, EntityRef ref, StoredEntities.Row row, List<Relation> stated) {}

    /** A stored relation shown on {@code sourceRef}, stated by the entity with uid {@code originatingUid}. */
    private record Shown(String originatingUid, String sourceRef, StoredEntities.Link link) {}

    private final String tenant;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> evented = new LinkedHashSet<>();
    private final Set<String> affected = new LinkedHashSet<>();
    /** The entities whose stored relations this transaction replaces or deletes. */
    private final Set<String> rewrittenUids = new HashSet<>();
    /** What {@link #readShown} found, by the ref key of the entity each relation shows on. */
    private final Map<String, List<Shown>> shownBefore = new HashMap<>();
    /** The last offset committed when {@link #readShown} ran; -1 before. */
    private long offsetBeforeRead = -1;

    private int appended;

    EventAppender(String tenant) {
        this.tenant = tenant;
    }

    /**
     * Reads the relations shown on the entities about to be written, before anything is written: the
     * writer knows what it writes itself, so only what other entities state about these needs the
     * database, and reading it now costs nothing for a new entity about which nothing is stated.
     */
    void readShown(Handle handle, List<String> refKeys) {
        // Read first: a writer that commits after this point moves it, and append() then reads instead.
        offsetBeforeRead = handle.createQuery(LAST_OFFSET).mapTo(Long.class).one();
        for (int from = 0; from < refKeys.size(); from += StoredEntities.CHUNK) {
            SqlBuilder sql = new SqlBuilder();
            sql.append(SELECT_SHOWN.formatted(
                    sql.bind(tenant),
                    sql.bindAll(refKeys.subList(from, Math.min(refKeys.size(), from + StoredEntities.CHUNK)))));
            sql.query(handle)
                    .map((rs, ctx) -> new Shown(
                            rs.getString("originating_uid"),
                            rs.getString("source_ref"),
                            new StoredEntities.Link(rs.getString("type"), rs.getString("target_ref"))))
                    .forEach(shown -> shownBefore
                            .computeIfAbsent(shown.sourceRef(), k -> new ArrayList<>())
                            .add(shown));
        }
    }

    /**
     * An entity written with this uid, JSON and etag: {@code added} or {@code updated}. {@code stated}
     * are the relations written for it, which replace any it had.
     */
    void written(EventType type, EntityRef ref, String uid, String canonicalJson, String etag, List<Relation> stated) {
        pending.add(
                new Pending(type, ref, new StoredEntities.Row(uid, tenant, ref.key(), canonicalJson, etag), stated));
        evented.add(ref.key());
        rewrittenUids.add(uid);
    }

    /** An entity deleted with its relations. */
    void removed(EntityRef ref, String uid) {
        pending.add(new Pending(EventType.REMOVED, ref, null, List.of()));
        evented.add(ref.key());
        rewrittenUids.add(uid);
    }

    /** How many events {@link #append} wrote (after it ran). */
    int count() {
        return appended;
    }

    /** The entity with this ref key shows a relation that was added or removed by another's change. */
    void relationsChanged(String refKey) {
        affected.add(refKey);
    }

    /**
     * Appends the collected events; call it last in the transaction. Returns the offset of the last
     * event, or 0 when the transaction changed nothing a consumer could see.
     */
    long append(Handle handle, boolean postgres, long now) {
        if (pending.isEmpty() && affected.stream().allMatch(evented::contains)) {
            return 0;
        }
        // The lock first: the reads below then see all that the writers before this one committed, and
        // a writer after this one reads only once this one has committed (on PostgreSQL's read committed;
        // SQLite has one writer).
        handle.createUpdate(LOCK_OFFSETS).execute();
        long committedBefore = handle.createQuery(LAST_OFFSET).mapTo(Long.class).one();
        List<Pending> affectedOnly = affectedEntities(handle);
        if (pending.isEmpty() && affectedOnly.isEmpty()) {
            return 0;
        }
        // Another writer committed since readShown: it may have stated relations about the entities
        // written here, which that read missed and its own events could not show (they were not
        // committed then); read them back instead. Rare: two writers of one catalog at once.
        List<String> json = committedBefore == offsetBeforeRead ? writtenJson() : writtenJsonReadBack(handle);
        json.addAll(storedJson(handle, affectedOnly));
        List<Pending> events = new ArrayList<>(pending);
        events.addAll(affectedOnly);
        appended = events.size();
        handle.createUpdate(NEXT_OFFSETS).bind("n", events.size()).execute();
        long last = handle.createQuery(LAST_OFFSET).mapTo(Long.class).one();
        long offset = last - events.size();
        try (RowBatch batch = new InsertBatch(handle, INSERT_EVENT)) {
            for (int i = 0; i < events.size(); i++) {
                Pending event = events.get(i);
                batch.add(
                        ++offset,
                        tenant,
                        event.type().wireName(),
                        event.ref().key(),
                        event.ref().kind().toLowerCase(Locale.ROOT),
                        event.ref().namespace().toLowerCase(Locale.ROOT),
                        json.get(i),
                        now);
            }
            batch.flush();
        }
        if (postgres) {
            // Delivered to every listening instance when (and only if) this transaction commits.
            handle.createQuery("SELECT pg_notify(" + CHANNEL + ", :payload)")
                    .bind("payload", last + " " + tenant)
                    .mapTo(String.class)
                    .one();
        }
        return last;
    }

    /** The entities whose relations another entity's change touched and that get no event of their own. */
    private List<Pending> affectedEntities(Handle handle) {
        List<String> refs =
                affected.stream().filter(ref -> !evented.contains(ref)).toList();
        List<Pending> found = new ArrayList<>();
        for (int from = 0; from < refs.size(); from += StoredEntities.CHUNK) {
            SqlBuilder sql = new SqlBuilder();
            sql.append(SELECT_AFFECTED.formatted(
                    sql.bind(tenant),
                    sql.bindAll(refs.subList(from, Math.min(refs.size(), from + StoredEntities.CHUNK)))));
            sql.query(handle)
                    .map(StoredEntities.Row::map)
                    .forEach(row ->
                            found.add(new Pending(EventType.UPDATED, EntityRef.parse(row.refKey()), row, List.of())));
        }
        found.sort((a, b) -> a.ref().key().compareTo(b.ref().key()));
        return found;
    }

    /**
     * The written entities' JSON as the catalog shows them at commit, from what was written and what
     * {@link #readShown} found, without reading back: a relation shows on an entity when the entity
     * states it, or another entity written here does, or a stored one this transaction left alone does.
     * Null for removals.
     */
    private List<String> writtenJson() {
        Map<String, List<StoredEntities.Link>> statedHere = new HashMap<>();
        for (Pending event : pending) {
            for (Relation relation : event.stated()) {
                statedHere
                        .computeIfAbsent(relation.source().key(), k -> new ArrayList<>())
                        .add(new StoredEntities.Link(
                                relation.type(), relation.target().toString()));
            }
        }
        List<String> json = new ArrayList<>(pending.size() + affected.size());
        for (Pending event : pending) {
            if (event.row() == null) {
                json.add(null);
                continue;
            }
            String key = event.ref().key();
            Set<StoredEntities.Link> links = StoredEntities.links();
            links.addAll(statedHere.getOrDefault(key, List.of()));
            for (Shown shown : shownBefore.getOrDefault(key, List.of())) {
                if (!rewrittenUids.contains(shown.originatingUid())) {
                    links.add(shown.link());
                }
            }
            json.add(write(StoredEntities.toJson(event.row(), links)));
        }
        return json;
    }

    /** The written entities' JSON read back from the database, in the transaction; null for removals. */
    private List<String> writtenJsonReadBack(Handle handle) {
        List<Pending> written =
                pending.stream().filter(event -> event.row() != null).toList();
        List<String> stored = storedJson(handle, written);
        List<String> json = new ArrayList<>(pending.size() + affected.size());
        int next = 0;
        for (Pending event : pending) {
            json.add(event.row() == null ? null : stored.get(next++));
        }
        return json;
    }

    /** The entities' JSON as the catalog shows them now, in the transaction. */
    private static List<String> storedJson(Handle handle, List<Pending> events) {
        List<StoredEntities.Row> rows = new ArrayList<>(events.size());
        for (Pending event : events) {
            rows.add(event.row());
        }
        List<String> json = new ArrayList<>(events.size());
        StoredEntities.completeJson(handle, rows, node -> json.add(write(node)));
        return json;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
