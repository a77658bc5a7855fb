package io.tfsync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityFilter.Condition;
import io.tfsync.catalog.EntityFilter.FilterSet;
import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityOrder.Direction;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.catalog.PagePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Opaque page cursors. A cursor carries the whole query (filter, order, full-text term) and the
 * keyset position, so a client passes only {@code cursor} and {@code limit} to page on, as Backstage's
 * catalog-client does. The encoding is base64url JSON without a {@code query} key: catalog-client
 * takes a cursor with such a key for one of its own and changes its request method.
 *
 * <p>The tenant scope is never in a cursor; it always comes from the caller, so editing a cursor can
 * change nothing but the caller's own query. A cursor that does not decode is a 400.
 */
final class Cursors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "by-query";
    private static final String ENTITIES = "entities";

    private Cursors() {}

    /** A by-query page request carried by a cursor. */
    record QueryCursor(
            EntityFilter filter,
            List<EntityOrder> order,
            FullTextFilter fullText,
            PagePosition position,
            boolean backwards) {}

    static String encode(QueryCursor cursor) {
        ObjectNode json = JSON.createObjectNode();
        json.put("v", 1).put("k", QUERY);
        json.set("f", filterJson(cursor.filter()));
        json.set("o", orderJson(cursor.order()));
        if (cursor.fullText() != null) {
            ObjectNode text = json.putObject("t");
            text.put("term", cursor.fullText().term());
            cursor.fullText().fields().forEach(text.putArray("fields")::add);
        }
        json.set("p", positionJson(cursor.position()));
        json.put("b", cursor.backwards());
        return encode(json);
    }

    static QueryCursor decodeQuery(String text) {
        JsonNode json = decode("cursor", text, QUERY);
        try {
            FullTextFilter fullText = null;
            if (json.has("t")) {
                List<String> fields = new ArrayList<>();
                json.path("t").path("fields").forEach(f -> fields.add(f.asText()));
                fullText = new FullTextFilter(json.path("t").path("term").asText(), fields);
            }
            List<EntityOrder> order = order(json.path("o"));
            PagePosition position = position(json.path("p"), order.size());
            return new QueryCursor(
                    filter(json.path("f")),
                    order,
                    fullText,
                    position,
                    json.path("b").asBoolean());
        } catch (RuntimeException e) {
            throw broken("cursor");
        }
    }

    /** The {@code after} cursor of legacy {@code /entities} paging: the order and where the page ended. */
    static String encodeAfter(List<EntityOrder> order, PagePosition position) {
        ObjectNode json = JSON.createObjectNode();
        json.put("v", 1).put("k", ENTITIES);
        json.set("o", orderJson(order));
        json.set("p", positionJson(position));
        return encode(json);
    }

    static PagePosition decodeAfter(String text, List<EntityOrder> order) {
        JsonNode json = decode("after", text, ENTITIES);
        List<EntityOrder> cursorOrder;
        try {
            cursorOrder = order(json.path("o"));
        } catch (RuntimeException e) {
            throw broken("after");
        }
        if (!cursorOrder.equals(order)) {
            throw ApiException.badRequest(
                    "Invalid after: the cursor was made for a different order; repeat the order parameters of the first page");
        }
        try {
            return position(json.path("p"), order.size());
        } catch (RuntimeException e) {
            throw broken("after");
        }
    }

    private static String encode(ObjectNode json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decode(String param, String text, String kind) {
        JsonNode json;
        try {
            json = JSON.readTree(Base64.getUrlDecoder().decode(text.trim()));
        } catch (Exception e) {
            throw broken(param);
        }
        if (json == null || !json.isObject() || json.path("v").asInt() != 1) {
            throw broken(param);
        }
        if (!kind.equals(json.path("k").asText())) {
            throw ApiException.badRequest("Invalid " + param + ": this cursor belongs to "
                    + json.path("k").asText("another endpoint") + ", not to " + kind);
        }
        return json;
    }

    private static ApiException broken(String param) {
        return ApiException.badRequest("Invalid " + param
                + ": not a cursor this service issued (it is truncated, edited or from another server)");
    }

    private static ArrayNode filterJson(EntityFilter filter) {
        ArrayNode sets = JSON.createArrayNode();
        for (FilterSet set : filter.anyOf()) {
            ArrayNode conditions = sets.addArray();
            for (Condition condition : set.allOf()) {
                ObjectNode c = conditions.addObject();
                c.put("k", condition.key());
                condition.values().forEach(c.putArray("v")::add);
            }
        }
        return sets;
    }

    private static EntityFilter filter(JsonNode json) {
        if (!json.isArray()) {
            throw new IllegalArgumentException("filter");
        }
        List<FilterSet> sets = new ArrayList<>();
        for (JsonNode set : json) {
            List<Condition> conditions = new ArrayList<>();
            for (JsonNode c : set) {
                List<String> values = new ArrayList<>();
                c.path("v").forEach(v -> values.add(v.asText()));
                conditions.add(new Condition(c.path("k").textValue(), values));
            }
            sets.add(new FilterSet(conditions));
        }
        return new EntityFilter(sets);
    }

    private static ArrayNode orderJson(List<EntityOrder> order) {
        ArrayNode json = JSON.createArrayNode();
        for (EntityOrder o : order) {
            json.addArray().add(o.field()).add(o.direction().name().toLowerCase(Locale.ROOT));
        }
        return json;
    }

    private static List<EntityOrder> order(JsonNode json) {
        if (!json.isArray()) {
            throw new IllegalArgumentException("order");
        }
        List<EntityOrder> order = new ArrayList<>();
        for (JsonNode o : json) {
            order.add(new EntityOrder(
                    o.get(0).textValue(), Direction.valueOf(o.get(1).asText().toUpperCase(Locale.ROOT))));
        }
        return order;
    }

    private static JsonNode positionJson(PagePosition position) {
        if (position == null) {
            return JSON.nullNode();
        }
        ObjectNode json = JSON.createObjectNode();
        ArrayNode values = json.putArray("s");
        position.sortValues().forEach(values::add);
        json.put("u", position.uid());
        return json;
    }

    private static PagePosition position(JsonNode json, int orderSize) {
        if (json.isNull() || json.isMissingNode()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        json.path("s").forEach(v -> values.add(v.isNull() ? null : v.asText()));
        if (values.size() != orderSize || !json.path("u").isTextual()) {
            throw new IllegalArgumentException("position");
        }
        return new PagePosition(values, json.path("u").asText());
    }
}
