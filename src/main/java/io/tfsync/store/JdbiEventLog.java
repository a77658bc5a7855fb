package io.tfsync.store;

import io.tfsync.catalog.TenantScope;
import io.tfsync.events.CatalogEvent;
import io.tfsync.events.EventLog;
import io.tfsync.events.EventPage;
import io.tfsync.events.EventQuery;
import io.tfsync.events.EventType;
import io.tfsync.events.LogBounds;
import io.tfsync.events.OffsetBeyondEndException;
import io.tfsync.events.OffsetGoneException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/** The event log on SQLite or PostgreSQL: pages read in one snapshot with the log's bounds, and trimming. */
final class JdbiEventLog implements EventLog {

    static final String BOUNDS = "SELECT floor_offset, last_offset FROM event_log WHERE id = 1";

    private static final String SELECT_EVENTS = """
            SELECT event_offset, tenant, type, entity_ref, entity_json, created_at
            FROM events
            WHERE event_offset > %s AND event_offset <= %s AND %s
            ORDER BY event_offset
            LIMIT %s
            """;

    private static final String SELECT_KINDS = "SELECT DISTINCT kind FROM entities WHERE %s";

    /**
     * Keeps the latest event of each entity that still exists; the rest at or below the bound go.
     * Written against the table's own name: SQLite takes no alias on the target of a DELETE.
     */
    private static final String TRIM = """
            DELETE FROM events
            WHERE event_offset > :from AND event_offset <= :through
              AND (type = 'removed'
                   OR EXISTS (SELECT 1 FROM events n
                              WHERE n.tenant = events.tenant AND n.entity_ref = events.entity_ref
                                AND n.event_offset > events.event_offset)
                   OR NOT EXISTS (SELECT 1 FROM entities e
                                  WHERE e.tenant = events.tenant AND e.entity_ref = events.entity_ref))
            """;

    private static final String RAISE_FLOOR =
            "UPDATE event_log SET floor_offset = :through WHERE id = 1 AND floor_offset < :through";

    private static final String WALK_FROM = """
            SELECT event_offset, created_at FROM events WHERE event_offset > :after ORDER BY event_offset LIMIT 1000
            """;

    private final Database database;

    JdbiEventLog(Database database) {
        this.database = database;
    }

    @Override
    public EventPage read(EventQuery query) {
        return database.read(handle -> {
            LogBounds bounds = bounds(handle);
            if (query.after() > bounds.last()) {
                throw new OffsetBeyondEndException(query.after(), bounds.last());
            }
            if (query.after() > 0 && query.after() < bounds.floor()) {
                throw new OffsetGoneException(query.after(), bounds.floor());
            }
            SqlBuilder sql = new SqlBuilder();
            String after = sql.bind(query.after());
            String last = sql.bind(bounds.last());
            StringBuilder where = new StringBuilder(EntityConditions.tenant(sql, "tenant", query.scope()));
            if (!query.kinds().isEmpty()) {
                where.append(" AND kind IN (")
                        .append(sql.bindAll(new TreeSet<>(query.kinds())))
                        .append(')');
            }
            query.namespace().ifPresent(ns -> where.append(" AND namespace = ").append(sql.bind(ns)));
            sql.append(SELECT_EVENTS.formatted(after, last, where, sql.bind(query.limit())));
            List<CatalogEvent> events = sql.query(handle)
                    .map((rs, ctx) -> new CatalogEvent(
                            rs.getLong("event_offset"),
                            EventType.ofWireName(rs.getString("type")),
                            rs.getString("tenant"),
                            rs.getString("entity_ref"),
                            // The stored UTF-8 as it is: getBytes skips decoding it to a String (TEXT on both
                            // databases).
                            Optional.ofNullable(rs.getBytes("entity_json")),
                            rs.getLong("created_at")))
                    .list();
            long covered = events.size() == query.limit() ? events.getLast().offset() : bounds.last();
            return new EventPage(events, covered);
        });
    }

    @Override
    public LogBounds bounds() {
        return bounds(database);
    }

    static LogBounds bounds(Database database) {
        return database.jdbi().withHandle(JdbiEventLog::bounds);
    }

    static LogBounds bounds(Handle handle) {
        return handle.createQuery(BOUNDS)
                .map((rs, ctx) -> new LogBounds(rs.getLong("floor_offset"), rs.getLong("last_offset")))
                .one();
    }

    @Override
    public Set<String> kinds(TenantScope scope) {
        SqlBuilder sql = new SqlBuilder();
        sql.append(SELECT_KINDS.formatted(EntityConditions.tenant(sql, "tenant", scope)));
        Set<String> kinds = new TreeSet<>();
        database.jdbi()
                .withHandle(handle -> sql.query(handle).mapTo(String.class).list())
                .forEach(kind -> kinds.add(kind.toLowerCase(Locale.ROOT)));
        return kinds;
    }

    @Override
    public long trim(long throughOffset, int batch) {
        long removed = 0;
        long from = bounds().floor();
        while (from < throughOffset) {
            long upTo = Math.min(throughOffset, from + batch);
            long lower = from;
            removed += database.jdbi().inTransaction(handle -> {
                int deleted = handle.createUpdate(TRIM)
                        .bind("from", lower)
                        .bind("through", upTo)
                        .execute();
                handle.createUpdate(RAISE_FLOOR).bind("through", upTo).execute();
                return deleted;
            });
            from = upTo;
        }
        return removed;
    }

    /**
     * Walks the log from its floor in offset order and stops at the first event made at or after the
     * time: clocks of different instances may disagree a little, and stopping early keeps more, never less.
     */
    @Override
    public long lastOffsetBefore(long epochMillis) {
        return database.jdbi().withHandle(handle -> {
            long after = bounds(handle).floor();
            long found = 0;
            while (true) {
                record Made(long offset, long createdAt) {}
                List<Made> page = handle.createQuery(WALK_FROM)
                        .bind("after", after)
                        .map((rs, ctx) -> new Made(rs.getLong("event_offset"), rs.getLong("created_at")))
                        .list();
                for (Made made : page) {
                    if (made.createdAt() >= epochMillis) {
                        return found;
                    }
                    found = made.offset();
                }
                if (page.isEmpty()) {
                    return found;
                }
                after = page.getLast().offset();
            }
        });
    }
}
