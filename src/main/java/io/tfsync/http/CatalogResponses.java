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

    static final String LAST_EVENT_OFFSET = "X-Catalog-Last-Event-Offset";

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
        EntityQuery paged = new EntityQuery(
                query.scope(), query.filter(), query.fullText(), query.order(), null, false, 0, STREAM_PAGE);
        JsonGenerator[] out = new JsonGenerator[1];
        try {
            entities.findAll(paged, page -> {
                try {
                    if (out[0] == null) {
                        lastEventOffset(ctx, page);
                        ctx.contentType("application/json");
                        out[0] = json.getFactory().createGenerator(ctx.outputStream());
                        out[0].writeStartArray();
                    }
                    for (Entity entity : page.items()) {
                        json.writeTree(out[0], item(entity, fields));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the entity list failed", e);
                }
            });
            out[0].writeEndArray();
            out[0].close();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the entity list failed", e);
        }
    }

    /** The bootstrap offset of a list: follow the event stream from it. */
    static void lastEventOffset(Context ctx, EntityPage page) {
        ctx.header(LAST_EVENT_OFFSET, Long.toString(page.lastEventOffset()));
    }
}
