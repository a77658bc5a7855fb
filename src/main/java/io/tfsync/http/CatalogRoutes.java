package io.tfsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFields;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityPage;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.FacetCount;
import io.tfsync.catalog.InvalidEntityRefException;
import io.tfsync.catalog.PagePosition;
import io.tfsync.catalog.TenantScope;
import io.tfsync.http.Cursors.QueryCursor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Backstage-compatible catalog read API, every route on one screen. Same paths, parameters and
 * shapes as Backstage's catalog backend, so {@code @backstage/catalog-client} works against it.
 */
final class CatalogRoutes {

    static final String BASE = "/api/catalog";
    static final int DEFAULT_QUERY_LIMIT = 20;
    static final int MAX_REFS = 10_000;

    private final EntityRepository entities;
    private final CatalogResponses responses;
    private final ObjectMapper json;

    CatalogRoutes(EntityRepository entities, ObjectMapper json) {
        this.entities = entities;
        this.json = json;
        this.responses = new CatalogResponses(entities, json);
    }

    void register(JavalinConfig config) {
        config.routes.get(BASE + "/entities", this::entities);
        config.routes.get(BASE + "/entities/by-query", this::byQuery);
        config.routes.post(BASE + "/entities/by-refs", this::byRefs);
        config.routes.get(BASE + "/entities/by-name/{kind}/{namespace}/{name}", this::byName);
        config.routes.get(BASE + "/entities/by-uid/{uid}", this::byUid);
        config.routes.get(BASE + "/entity-facets", this::facets);
    }

    private TenantScope scope(Context ctx) {
        Caller caller = HttpServer.caller(ctx);
        Authenticator.require(caller, Caller.CATALOG_READ);
        return caller.scope();
    }

    /** Legacy list: every visible entity, or a page with a {@code Link: <...>; rel="next"} header. */
    private void entities(Context ctx) {
        TenantScope scope = scope(ctx);
        EntityFilter filter = CatalogParams.filter(ctx);
        EntityFields fields = CatalogParams.fields(ctx, null);
        List<EntityOrder> order = CatalogParams.order(ctx);
        Integer limit = CatalogParams.integer(ctx, "limit", 1);
        Integer offset = CatalogParams.integer(ctx, "offset", 0);
        String after = ctx.queryParam("after");
        if (after != null && after.isBlank()) {
            throw ApiException.badRequest("Invalid after: must not be empty");
        }
        if (limit == null && offset == null && after == null) {
            responses.streamAll(ctx, new EntityQuery(scope, filter, null, order, null, false, 0, null), fields);
            return;
        }
        PagePosition position = after == null ? null : Cursors.decodeAfter(after, order);
        int skip = position == null && offset != null ? offset : 0;
        EntityPage page = entities.find(new EntityQuery(scope, filter, null, order, position, false, skip, limit));
        CatalogResponses.lastEventOffset(ctx, page);
        if (page.hasMore() && page.last() != null) {
            ctx.header("Link", "<" + nextLink(ctx, Cursors.encodeAfter(order, page.last())) + ">; rel=\"next\"");
        }
        ctx.json(responses.items(page.items(), fields));
    }

    private static String nextLink(Context ctx, String cursor) {
        StringBuilder link = new StringBuilder(ctx.path()).append('?');
        ctx.queryParamMap().forEach((name, values) -> {
            if (!name.equals("offset") && !name.equals("after")) {
                values.forEach(v ->
                        link.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        return link.append("after=").append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void byQuery(Context ctx) {
        TenantScope scope = scope(ctx);
        EntityFields fields = CatalogParams.fields(ctx, null);
        Integer limitParam = CatalogParams.integer(ctx, "limit", 0);
        int limit = limitParam == null ? DEFAULT_QUERY_LIMIT : limitParam;
        boolean countTotal = CatalogParams.totalItems(ctx);
        String cursorText = ctx.queryParam("cursor");
        QueryCursor request;
        int offset = 0;
        if (cursorText != null) {
            request = Cursors.decodeQuery(cursorText);
        } else {
            Integer offsetParam = CatalogParams.integer(ctx, "offset", 0);
            offset = offsetParam == null ? 0 : offsetParam;
            request = new QueryCursor(
                    CatalogParams.filter(ctx),
                    CatalogParams.orderFields(ctx),
                    CatalogParams.fullText(ctx),
                    null,
                    false);
        }
        EntityPage page = entities.find(new EntityQuery(
                scope,
                request.filter(),
                request.fullText(),
                request.order(),
                request.position(),
                request.backwards(),
                offset,
                limit));

        Map<String, Object> pageInfo = new LinkedHashMap<>();
        PagePosition next = null;
        PagePosition prev = null;
        if (request.backwards()) {
            next = page.last() != null ? page.last() : request.position();
            prev = page.hasMore() ? page.first() : null;
        } else {
            next = page.hasMore() ? page.last() : null;
            if (request.position() != null) {
                prev = page.first() != null ? page.first() : request.position();
            } else if (offset > 0) {
                prev = page.first();
            }
        }
        if (next != null && limit > 0) {
            pageInfo.put("nextCursor", Cursors.encode(withPosition(request, next, false)));
        }
        if (prev != null && limit > 0) {
            pageInfo.put("prevCursor", Cursors.encode(withPosition(request, prev, true)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", responses.items(page.items(), fields));
        if (countTotal) {
            body.put("totalItems", entities.count(scope, request.filter(), request.fullText()));
        }
        body.put("pageInfo", pageInfo);
        body.put("lastEventOffset", page.lastEventOffset());
        CatalogResponses.lastEventOffset(ctx, page);
        ctx.json(body);
    }

    private static QueryCursor withPosition(QueryCursor request, PagePosition position, boolean backwards) {
        return new QueryCursor(request.filter(), request.order(), request.fullText(), position, backwards);
    }

    private void byRefs(Context ctx) {
        TenantScope scope = scope(ctx);
        JsonNode body = RequestBodies.jsonObject(ctx, json);
        JsonNode refsNode = body.get("entityRefs");
        if (refsNode == null || !refsNode.isArray()) {
            throw ApiException.badRequest("Invalid request body: 'entityRefs' must be an array of entity ref strings");
        }
        if (refsNode.size() > MAX_REFS) {
            throw ApiException.badRequest("Invalid request body: 'entityRefs' holds " + refsNode.size()
                    + " refs; at most " + MAX_REFS + " are allowed per request");
        }
        List<EntityRef> refs = new ArrayList<>();
        for (int i = 0; i < refsNode.size(); i++) {
            JsonNode ref = refsNode.get(i);
            if (!ref.isTextual()) {
                throw ApiException.badRequest("Invalid request body: entityRefs[" + i + "] must be a string");
            }
            try {
                refs.add(EntityRef.parse(ref.asText()));
            } catch (InvalidEntityRefException e) {
                throw ApiException.badRequest("Invalid request body: entityRefs[" + i + "]: " + e.getMessage());
            }
        }
        List<String> bodyFields = null;
        JsonNode fieldsNode = body.get("fields");
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isArray()) {
                throw ApiException.badRequest("Invalid request body: 'fields' must be an array of field paths");
            }
            bodyFields = new ArrayList<>();
            for (JsonNode field : fieldsNode) {
                bodyFields.add(field.asText());
            }
        }
        EntityFields fields = CatalogParams.fields(ctx, bodyFields);
        List<Optional<Entity>> found = entities.byRefs(scope, refs, CatalogParams.filter(ctx));
        List<ObjectNode> items = new ArrayList<>();
        for (Optional<Entity> entity : found) {
            items.add(entity.map(e -> responses.item(e, fields)).orElse(null));
        }
        ctx.json(Map.of("items", items));
    }

    private void byName(Context ctx) {
        TenantScope scope = scope(ctx);
        String kind = ctx.pathParam("kind");
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        Entity entity = entities.byRef(scope, new EntityRef(kind, namespace, name))
                .orElseThrow(() -> ApiException.notFound("No entity named '" + name + "' found, with kind '" + kind
                        + "' in namespace '" + namespace + "'"));
        ctx.json(responses.item(entity, null));
    }

    private void byUid(Context ctx) {
        TenantScope scope = scope(ctx);
        String uid = ctx.pathParam("uid");
        Entity entity =
                entities.byUid(scope, uid).orElseThrow(() -> ApiException.notFound("No entity with uid " + uid));
        ctx.json(responses.item(entity, null));
    }

    private void facets(Context ctx) {
        TenantScope scope = scope(ctx);
        List<String> facets = CatalogParams.facets(ctx);
        if (facets.isEmpty()) {
            throw ApiException.badRequest("Missing facet parameter; give at least one, e.g. facet=kind");
        }
        EntityFilter filter = CatalogParams.filter(ctx);
        Map<String, List<FacetCount>> counts = entities.facets(scope, facets, filter);
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        for (String facet : facets) {
            List<Map<String, Object>> values = new ArrayList<>();
            for (FacetCount count : counts.getOrDefault(facet, List.of())) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("value", count.value());
                v.put("count", count.count());
                values.add(v);
            }
            out.put(facet, values);
        }
        ctx.json(Map.of("facets", out));
    }
}
