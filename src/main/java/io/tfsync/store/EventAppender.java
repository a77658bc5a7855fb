package io.tfsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.EntityRef;
import io.tfsync.events.EventType;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    private static final String INSERT_EVENT = """
            INSERT INTO events (event_offset, tenant, type, entity_ref, kind, namespace, entity_json, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String SELECT_AFFECTED =
            "SELECT " + StoredEntities.COLUMNS + " FROM entities e WHERE e.tenant = %s AND e.entity_ref IN (%s)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Pending(EventType type, EntityRef ref, StoredEntities.Row row) {}

    private final String tenant;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> evented = new LinkedHashSet<>();
    private final Set<String> affected = new LinkedHashSet<>();
    private int appended;

    EventAppender(String tenant) {
        this.tenant = tenant;
    }

    /** An entity written with this uid, JSON and etag: {@code added} or {@code updated}. */
    void written(EventType type, EntityRef ref, String uid, String canonicalJson, String etag) {
        pending.add(new Pending(type, ref, new StoredEntities.Row(uid, tenant, ref.key(), canonicalJson, etag)));
        evented.add(ref.key());
    }

    void removed(EntityRef ref) {
        pending.add(new Pending(EventType.REMOVED, ref, null));
        evented.add(ref.key());
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
        List<Pending> events = new ArrayList<>(pending);
        events.addAll(affectedEntities(handle));
        if (events.isEmpty()) {
            return 0;
        }
        List<String> json = entityJson(handle, events);
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
                    .forEach(row -> found.add(new Pending(EventType.UPDATED, EntityRef.parse(row.refKey()), row)));
        }
        found.sort((a, b) -> a.ref().key().compareTo(b.ref().key()));
        return found;
    }

    /** Each event's entity as the catalog shows it now, in the transaction; null for removals. */
    private static List<String> entityJson(Handle handle, List<Pending> events) {
        List<StoredEntities.Row> rows = new ArrayList<>();
        for (Pending event : events) {
            if (event.row() != null) {
                rows.add(event.row());
            }
        }
        List<String> complete = new ArrayList<>(rows.size());
        StoredEntities.completeJson(handle, rows, node -> complete.add(write(node)));
        List<String> json = new ArrayList<>(events.size());
        int next = 0;
        for (Pending event : events) {
            json.add(event.row() == null ? null : complete.get(next++));
        }
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
