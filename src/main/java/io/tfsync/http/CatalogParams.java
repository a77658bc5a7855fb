package io.tfsync.http;

import io.javalin.http.Context;
import io.tfsync.catalog.EntityFields;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityFilter.Condition;
import io.tfsync.catalog.EntityFilter.FilterSet;
import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityOrder.Direction;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.catalog.InvalidFieldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the catalog API's query parameters with Backstage's syntax and Backstage's leniency, but a
 * precise 400 (naming the parameter and the reason) wherever Backstage would fail or silently guess.
 */
final class CatalogParams {

    /** Roots a filter, order or facet path may start with; compared case-insensitively, as keys are. */
    private static final Set<String> ROOTS = Set.of("apiversion", "kind", "metadata", "spec", "relations", "status");

    private CatalogParams() {}

    /** {@code filter=kind=resource,spec.type=database}; repeated parameters are alternatives. */
    static EntityFilter filter(Context ctx) {
        List<FilterSet> sets = new ArrayList<>();
        for (String text : ctx.queryParams("filter")) {
            FilterSet set = filterSet(text);
            if (set != null) {
                sets.add(set);
            }
        }
        return new EntityFilter(sets);
    }

    private static FilterSet filterSet(String text) {
        Map<String, List<String>> valuesByKey = new LinkedHashMap<>();
        for (String raw : text.split(",")) {
            String statement = raw.trim();
            if (statement.isEmpty()) {
                continue;
            }
            int eq = statement.indexOf('=');
            String key = (eq < 0 ? statement : statement.substring(0, eq)).trim();
            if (key.isEmpty()) {
                throw ApiException.badRequest("Invalid filter: '" + statement
                        + "' is not a valid statement (expected a string on the form a=b or a= or a)");
            }
            checkField("filter", key);
            List<String> values = valuesByKey.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
            // A bare key asks for existence; a value for the same key elsewhere in the set narrows it.
            if (eq >= 0) {
                values.add(statement.substring(eq + 1).trim());
            }
        }
        if (valuesByKey.isEmpty()) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        valuesByKey.forEach((key, values) -> conditions.add(new Condition(key, values)));
        return new FilterSet(conditions);
    }

    /** {@code fields=kind,metadata.name}, repeatable. Null when absent (whole entities). */
    static EntityFields fields(Context ctx, List<String> extra) {
        List<String> fields = new ArrayList<>(ctx.queryParams("fields"));
        if (extra != null) {
            fields.addAll(extra);
        }
        try {
            EntityFields parsed = EntityFields.parse(fields);
            return parsed.selectsAll() ? null : parsed;
        } catch (InvalidFieldException e) {
            throw ApiException.badRequest("Invalid fields: " + e.getMessage());
        }
    }

    /** The legacy {@code /entities} order: {@code order=asc:metadata.name}, repeatable. */
    static List<EntityOrder> order(Context ctx) {
        List<EntityOrder> order = new ArrayList<>();
        for (String text : ctx.queryParams("order")) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw ApiException.badRequest(
                        "Invalid order: '" + text + "' must be on the form asc:<field> or desc:<field>");
            }
            order.add(new EntityOrder(
                    field("order", text.substring(colon + 1)), direction("order", text.substring(0, colon))));
        }
        return order;
    }

    /** The by-query order: {@code orderField=metadata.name,asc}, repeatable; the direction defaults to asc. */
    static List<EntityOrder> orderFields(Context ctx) {
        List<EntityOrder> order = new ArrayList<>();
        for (String text : ctx.queryParams("orderField")) {
            String[] parts = text.split(",", -1);
            if (parts.length > 2) {
                throw ApiException.badRequest("Invalid orderField: '" + text
                        + "' must be on the form <field> or <field>,asc or <field>,desc");
            }
            Direction direction = parts.length == 2 ? direction("orderField", parts[1]) : Direction.ASC;
            order.add(new EntityOrder(field("orderField", parts[0]), direction));
        }
        return order;
    }

    static FullTextFilter fullText(Context ctx) {
        String term = ctx.queryParam("fullTextFilterTerm");
        if (term == null || term.isBlank()) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        for (String param : ctx.queryParams("fullTextFilterFields")) {
            for (String field : param.split(",")) {
                if (!field.isBlank()) {
                    fields.add(field("fullTextFilterFields", field));
                }
            }
        }
        return new FullTextFilter(term, fields);
    }

    /** {@code facet=spec.type}, repeatable; each a field path. */
    static List<String> facets(Context ctx) {
        List<String> facets = new ArrayList<>();
        for (String facet : ctx.queryParams("facet")) {
            if (!facet.isBlank()) {
                facets.add(field("facet", facet));
            }
        }
        return facets;
    }

    /** {@code totalItems=include|exclude} (catalog-client's switch to skip counting); default include. */
    static boolean totalItems(Context ctx) {
        String value = ctx.queryParam("totalItems");
        if (value == null || value.equalsIgnoreCase("include")) {
            return true;
        }
        if (value.equalsIgnoreCase("exclude")) {
            return false;
        }
        throw ApiException.badRequest("Invalid totalItems: '" + value + "' must be include or exclude");
    }

    /** A non-negative integer parameter, or null when absent. */
    static Integer integer(Context ctx, String name, int min) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid " + name + ": '" + text + "' is not an integer");
        }
        if (value < min) {
            throw ApiException.badRequest("Invalid " + name + ": " + value
                    + (min == 0 ? " is negative; it must be zero or greater" : " must be at least " + min));
        }
        return value;
    }

    private static Direction direction(String param, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "asc" -> Direction.ASC;
            case "desc" -> Direction.DESC;
            default -> throw ApiException.badRequest("Invalid " + param + ": order '" + text + "' must be asc or desc");
        };
    }

    private static String field(String param, String text) {
        String field = text.trim();
        if (field.isEmpty()) {
            throw ApiException.badRequest("Invalid " + param + ": the field is empty");
        }
        checkField(param, field);
        return field;
    }

    private static void checkField(String param, String field) {
        String root = field.split("\\.", 2)[0].toLowerCase(Locale.ROOT);
        if (!ROOTS.contains(root)) {
            throw ApiException.badRequest("Invalid " + param + ": unknown field '" + field
                    + "'; a field starts with one of apiVersion, kind, metadata, spec, relations, status");
        }
    }
}
