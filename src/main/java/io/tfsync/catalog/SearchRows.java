package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flattens an entity into the (key, value) rows of the search table that answers filters, facets
 * and ordering, as Backstage's {@code buildEntitySearch} does.
 */
public final class SearchRows {

    /** Values longer than this are indexed as null, as Backstage does. */
    static final int MAX_VALUE_LENGTH = 200;

    private SearchRows() {}

    /** The search rows of an entity and the relations it states (as {@code relations.<type>}). */
    public static List<SearchRow> of(Entity entity, List<Relation> relations) {
        List<SearchRow> rows = new ArrayList<>();
        visit("", entity.json(), rows);
        if (entity.at("metadata.namespace").isMissingNode()) {
            rows.add(row("metadata.namespace", EntityRef.DEFAULT_NAMESPACE));
        }
        for (Relation relation : relations) {
            if (relation.source().key().equals(entity.ref().key())) {
                rows.add(row("relations." + relation.type(), relation.target().toString()));
            }
        }
        return rows;
    }

    private static void visit(String path, JsonNode node, List<SearchRow> out) {
        if (path.equals("relations") || path.equals("status") || path.equals("attachments")) {
            return;
        }
        if (node.isNull()) {
            out.add(new SearchRow(normalize(path), null, null));
        } else if (node.isValueNode()) {
            out.add(row(path, node.asText()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                visit(path, item, out);
                if (item.isTextual()) {
                    out.add(row(path + "." + item.asText(), "true"));
                }
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                visit(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
            }
        }
    }

    private static SearchRow row(String key, String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return new SearchRow(normalize(key), null, null);
        }
        return new SearchRow(normalize(key), normalize(value), value);
    }

    /** Keys and values are compared lower-cased, as Backstage does. */
    public static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}
