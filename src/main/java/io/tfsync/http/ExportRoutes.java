package io.tfsync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.TenantScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /api/catalog/export/catalog-info.yaml}: the caller's entities as one multi-document YAML
 * file, for a Backstage that cannot install the tfsync module and reads the catalog as a {@code url}
 * location instead. Each document is the entity as its source describes it: without {@code
 * metadata.uid}, {@code metadata.etag} and {@code relations} (Backstage makes its own) and without the
 * location annotations (Backstage sets them to the location it read).
 */
final class ExportRoutes {

    static final String PATH = CatalogRoutes.BASE + "/export/catalog-info.yaml";
    static final String CONTENT_TYPE = "application/yaml; charset=utf-8";
    private static final List<String> LOCATION_ANNOTATIONS =
            List.of("backstage.io/managed-by-location", "backstage.io/managed-by-origin-location");

    private final EntityRepository entities;
    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    ExportRoutes(EntityRepository entities) {
        this.entities = entities;
    }

    void register(JavalinConfig config) {
        config.routes.get(PATH, this::export);
    }

    private void export(Context ctx) {
        Caller caller = HttpServer.caller(ctx);
        Authenticator.require(caller, Caller.CATALOG_READ);
        TenantScope scope = caller.scope();
        EntityQuery query = new EntityQuery(
                scope, CatalogParams.filter(ctx), null, List.of(), null, false, 0, CatalogResponses.STREAM_PAGE);
        SequenceWriter[] out = new SequenceWriter[1];
        try {
            entities.findAll(query, page -> {
                try {
                    if (out[0] == null) {
                        CatalogResponses.lastEventOffset(ctx, page);
                        ctx.contentType(CONTENT_TYPE);
                        out[0] = yaml.writer().writeValues(ctx.outputStream());
                    }
                    for (Entity entity : page.items()) {
                        out[0].write(described(entity));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the export failed", e);
                }
            });
            if (out[0] == null) {
                ctx.contentType(CONTENT_TYPE);
                ctx.result("");
            } else {
                out[0].close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the export failed", e);
        }
    }

    /** The entity as a descriptor file would hold it. */
    static ObjectNode described(Entity entity) {
        ObjectNode json = entity.toJson();
        json.remove("relations");
        ObjectNode metadata = (ObjectNode) json.path("metadata");
        metadata.remove("uid");
        metadata.remove("etag");
        if (metadata.path("annotations") instanceof ObjectNode annotations) {
            annotations.remove(LOCATION_ANNOTATIONS);
        }
        return json;
    }
}
