package io.tfsync.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFields;
import io.tfsync.catalog.EntityPage;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Writes entities as the API returns them: whole, or projected to the requested fields. */
final class CatalogResponses {

    /** Page size used to stream an unpaged list without holding it all in memory. */
    static final int STREAM_PAGE = 1_000;

    private final EntityRepository entities;
    private final ObjectMapper json;

    CatalogResponses(EntityRepository entities, ObjectMapper json) {
        this.entities = entities;
        this.json = json;
    }

    ObjectNode item(Entity entity, EntityFields fields) {
        ObjectNode whole = entity.toJson();
        return fields == null ? whole : fields.select(whole);
    }

    List<ObjectNode> items(List<Entity> page, EntityFields fields) {
        List<ObjectNode> out = new ArrayList<>(page.size());
        for (Entity entity : page) {
            out.add(item(entity, fields));
        }
        return out;
    }

    /**
     * Writes every entity matching the query as one JSON array, reading keyset pages of {@link
     * #STREAM_PAGE} so that memory stays flat however large the catalog is.
     */
    void streamAll(Context ctx, EntityQuery query, EntityFields fields) {
        EntityPage first = entities.find(withPage(query, null));
        ctx.contentType("application/json");
        try (JsonGenerator out = json.getFactory().createGenerator(ctx.outputStream())) {
            out.writeStartArray();
            EntityPage page = first;
            while (true) {
                for (Entity entity : page.items()) {
                    json.writeTree(out, item(entity, fields));
                }
                if (!page.hasMore() || page.last() == null) {
                    break;
                }
                page = entities.find(withPage(query, page));
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the entity list failed", e);
        }
    }

    private static EntityQuery withPage(EntityQuery q, EntityPage previous) {
        return new EntityQuery(
                q.scope(),
                q.filter(),
                q.fullText(),
                q.order(),
                previous == null ? null : previous.last(),
                false,
                0,
                STREAM_PAGE);
    }
}
