package io.tfsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Reads complete entities by uid: the stored canonical JSON with {@code metadata.uid}, {@code
 * metadata.etag} and {@code relations} filled in. One query for the entity rows and one for all
 * their relations per chunk of uids, whatever the page size.
 */
final class StoredEntities {

    private static final String SELECT_ENTITIES = """
            SELECT uid, tenant, entity_ref, entity_json, etag
            FROM entities
            WHERE uid IN (%s)
            """;

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

    private record Row(String uid, String tenant, String refKey, String json, String etag) {}

    private record RelationRow(String tenant, String sourceRef, String type, String targetRef) {}

    private record Link(String type, String targetRef) {}

    private StoredEntities() {}

    /** The entities with these uids, in the given order; uids with no row are left out. */
    static List<Entity> load(Handle handle, List<String> uids) {
        List<Entity> out = new ArrayList<>(uids.size());
        for (int from = 0; from < uids.size(); from += CHUNK) {
            out.addAll(loadChunk(handle, uids.subList(from, Math.min(uids.size(), from + CHUNK))));
        }
        return out;
    }

    private static List<Entity> loadChunk(Handle handle, List<String> uids) {
        SqlBuilder sql = new SqlBuilder();
        sql.append(SELECT_ENTITIES.formatted(sql.bindAll(new HashSet<>(uids))));
        Map<String, Row> rows = new HashMap<>();
        sql.query(handle)
                .map((rs, ctx) -> new Row(
                        rs.getString("uid"),
                        rs.getString("tenant"),
                        rs.getString("entity_ref"),
                        rs.getString("entity_json"),
                        rs.getString("etag")))
                .forEach(row -> rows.put(row.uid(), row));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Set<Link>> links = relations(handle, rows.values());
        List<Entity> out = new ArrayList<>(rows.size());
        for (String uid : uids) {
            Row row = rows.get(uid);
            if (row != null) {
                out.add(toEntity(row, links.getOrDefault(row.tenant() + "\n" + row.refKey(), Set.of())));
            }
        }
        return out;
    }

    private static Map<String, Set<Link>> relations(Handle handle, Iterable<Row> rows) {
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
            links.computeIfAbsent(relation.tenant() + "\n" + relation.sourceRef(), k -> new TreeSet<>(LINK_ORDER))
                    .add(new Link(relation.type(), relation.targetRef()));
        }
        return links;
    }

    private static Entity toEntity(Row row, Set<Link> links) {
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(row.json());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the stored JSON of entity " + row.uid() + " does not parse", e);
        }
        ObjectNode metadata = json.withObjectProperty("metadata");
        metadata.put("uid", row.uid());
        metadata.put("etag", row.etag());
        ArrayNode relations = json.putArray("relations");
        for (Link link : links) {
            relations.addObject().put("type", link.type()).put("targetRef", link.targetRef());
        }
        return Entity.of(json);
    }
}
