package io.tfsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.Entity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Makes complete entities out of stored rows: the canonical JSON with {@code metadata.uid}, {@code
 * metadata.etag} and {@code relations} filled in. The relations of a whole chunk of entities come
 * from one query, whatever the page size.
 */
final class StoredEntities {

    /** The columns of an entity row, as every read that returns entities selects them. */
    static final String COLUMNS = "e.uid, e.tenant, e.entity_ref, e.entity_json, e.etag";

    private static final String SELECT_BY_UIDS = "SELECT " + COLUMNS + " FROM entities e WHERE e.uid IN (%s)";

    /** Relations whose source is one of the entities: those it states and the inverses others state. */
    private static final String SELECT_RELATIONS = """
            SELECT DISTINCT tenant, source_ref, type, target_ref
            FROM relations
            WHERE tenant IN (%s) AND source_ref IN (%s)
            """;

    static final int CHUNK = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Comparator<Link> LINK_ORDER =
            Comparator.comparing(Link::type).thenComparing(Link::targetRef);

    /** One stored entity as read, before completion. */
    record Row(String uid, String tenant, String refKey, String json, String etag) {
        static Row map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Row(
                    rs.getString("uid"),
                    rs.getString("tenant"),
                    rs.getString("entity_ref"),
                    rs.getString("entity_json"),
                    rs.getString("etag"));
        }
    }

    private record RelationRow(String tenant, String sourceRef, String type, String targetRef) {}

    /** A relation as an entity shows it; ordered as {@code relations} lists them by {@link #links()}. */
    record Link(String type, String targetRef) {}

    private StoredEntities() {}

    /** The entities with these uids, in the given order; uids with no row are left out. */
    static List<Entity> byUids(Handle handle, List<String> uids) {
        List<Row> rows = new ArrayList<>(uids.size());
        for (int from = 0; from < uids.size(); from += CHUNK) {
            List<String> chunk = uids.subList(from, Math.min(uids.size(), from + CHUNK));
            SqlBuilder sql = new SqlBuilder();
            sql.append(SELECT_BY_UIDS.formatted(sql.bindAll(new LinkedHashSet<>(chunk))));
            Map<String, Row> byUid = new HashMap<>();
            sql.query(handle).map(Row::map).forEach(row -> byUid.put(row.uid(), row));
            for (String uid : chunk) {
                Row row = byUid.get(uid);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        return complete(handle, rows);
    }

    /** The rows as complete entities, in the same order. */
    static List<Entity> complete(Handle handle, List<Row> rows) {
        List<Entity> out = new ArrayList<>(rows.size());
        completeJson(handle, rows, json -> out.add(Entity.of(json)));
        return out;
    }

    /**
     * Completes the rows in order and hands each one's JSON to {@code sink}, which owns it; for
     * callers that serialize it anyway and need no {@link Entity} copy of it.
     */
    static void completeJson(Handle handle, List<Row> rows, Consumer<ObjectNode> sink) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            Map<String, Set<Link>> links = relations(handle, chunk);
            for (Row row : chunk) {
                sink.accept(toJson(row, links.getOrDefault(row.tenant() + "\n" + row.refKey(), Set.of())));
            }
        }
    }

    private static Map<String, Set<Link>> relations(Handle handle, List<Row> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        Set<String> tenants = new TreeSet<>();
        Set<String> refs = new TreeSet<>();
        for (Row row : rows) {
            tenants.add(row.tenant());
            refs.add(row.refKey());
        }
        SqlBuilder sql = new SqlBuilder();
        sql.append(SELECT_RELATIONS.formatted(sql.bindAll(tenants), sql.bindAll(refs)));
        Map<String, Set<Link>> links = new HashMap<>();
        for (RelationRow relation : sql.query(handle)
                .map((rs, ctx) -> new RelationRow(
                        rs.getString("tenant"),
                        rs.getString("source_ref"),
                        rs.getString("type"),
                        rs.getString("target_ref")))
                .list()) {
            links.computeIfAbsent(relation.tenant() + "\n" + relation.sourceRef(), k -> links())
                    .add(new Link(relation.type(), relation.targetRef()));
        }
        return links;
    }

    /** An empty set of links that folds repeats and keeps the order {@code relations} shows them in. */
    static Set<Link> links() {
        return new TreeSet<>(LINK_ORDER);
    }

    /**
     * The complete entity of a row whose relations are known, as {@link #completeJson} makes it: for a
     * writer that has them in hand and need not read them back.
     */
    static ObjectNode toJson(Row row, Set<Link> links) {
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(row.json());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the stored JSON of entity " + row.uid() + " does not parse", e);
        }
        ObjectNode metadata = json.withObjectProperty("metadata");
        metadata.put("uid", row.uid());
        metadata.put("etag", shownEtag(row.etag(), links));
        ArrayNode relations = json.putArray("relations");
        for (Link link : links) {
            relations.addObject().put("type", link.type()).put("targetRef", link.targetRef());
        }
        return json;
    }

    /**
     * The etag of the entity as shown, relations included: as in Backstage, it changes when another
     * entity starts or stops pointing at this one, though this one's own content (and stored etag) did
     * not. Without relations it is the stored etag; otherwise the stored etag's first half and a 64-bit
     * FNV-1a digest of the relations, in their shown order.
     */
    static String shownEtag(String storedEtag, Set<Link> links) {
        if (links.isEmpty()) {
            return storedEtag;
        }
        long hash = 0xcbf29ce484222325L;
        for (Link link : links) {
            for (String part : new String[] {link.type(), link.targetRef()}) {
                for (int i = 0; i < part.length(); i++) {
                    hash = (hash ^ part.charAt(i)) * 0x100000001b3L;
                }
                hash = (hash ^ '\n') * 0x100000001b3L;
            }
        }
        return storedEtag.substring(0, Math.min(16, storedEtag.length())) + String.format("%016x", hash);
    }
}
