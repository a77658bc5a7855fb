package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flattens an entity into the (key, value) rows of the search table that answers filters, facets
 * and ordering, as Backstage's {@code buildEntitySearch} does.
 *
 * <ul>
 *   <li>One row per leaf, keyed by its dotted path ({@code spec.type}); the items of an array share
 *       the array's path, and each string item also gives a row {@code <path>.<item>} = {@code
 *       true}, so {@code metadata.tags.java=true} asks for one tag among several.
 *   <li>{@code relations}, {@code status}, {@code attachments}, {@code metadata.uid} and {@code
 *       metadata.etag} are not walked; {@code metadata.name}, {@code metadata.namespace} and {@code
 *       metadata.uid} always get a row (null when absent), and an entity without a namespace also
 *       gets {@code metadata.namespace} = {@code default}.
 *   <li>Each relation the entity is the source of gives {@code relations.<type>} = the target's
 *       lower-cased ref.
 *   <li>Keys and values are lower-cased but never trimmed; the value as written is kept for facets.
 *       Numbers and booleans become their JavaScript string form ({@code 7}, {@code 1.5}, {@code
 *       true}). A row whose lower-cased key is longer than 200 characters is dropped; a value longer
 *       than 200 characters is stored as null, so the key still answers an existence filter.
 *   <li>Identical rows appear once.
 * </ul>
 *
 * <p>Unlike Backstage, this class does not throw on keys that differ only in case ({@code spec.owner}
 * and {@code spec.Owner}); {@link EntityValidator} rejects such entities before they are stored.
 */
public final class SearchRows {

    /** Keys longer than this (lower-cased) get no row, as in Backstage. */
    static final int MAX_KEY_LENGTH = 200;

    /** Values longer than this (lower-cased) are indexed as null, as in Backstage. */
    static final int MAX_VALUE_LENGTH = 200;

    private static final Set<String> SPECIAL_KEYS = Set.of(
            "attachments",
            "relations",
            "status",
            "metadata.name",
            "metadata.namespace",
            "metadata.uid",
            "metadata.etag");

    private static final int LONGEST_SPECIAL_KEY =
            SPECIAL_KEYS.stream().mapToInt(String::length).max().orElseThrow();

    private SearchRows() {}

    /**
     * The search rows of an entity. {@code relations} are those whose source is the entity (others
     * are ignored): the ones its spec states and the inverses other entities' specs state about it,
     * as in Backstage's stitched entity. The {@code metadata.uid} row carries the entity's uid if it
     * has one, so derive the rows from the entity as stored.
     */
    public static List<SearchRow> of(Entity entity, List<Relation> relations) {
        List<Leaf> leaves = leaves(entity.json());
        JsonNode metadata = entity.json().path("metadata");
        leaves.add(new Leaf("metadata.name", metadata.path("name")));
        leaves.add(new Leaf("metadata.namespace", metadata.path("namespace")));
        leaves.add(new Leaf("metadata.uid", metadata.path("uid")));
        if (isFalsy(metadata.path("namespace"))) {
            leaves.add(new Leaf("metadata.namespace", EntityRef.DEFAULT_NAMESPACE));
        }
        String self = entity.ref().key();
        for (Relation relation : relations) {
            if (relation.source().key().equals(self)) {
                leaves.add(new Leaf(
                        "relations." + relation.type(), relation.target().toString()));
            }
        }
        Set<SearchRow> rows = new LinkedHashSet<>(leaves.size() * 2);
        for (Leaf leaf : leaves) {
            String key = leaf.lowerKey();
            if (key.length() <= MAX_KEY_LENGTH) {
                rows.add(row(key, leaf.value()));
            }
        }
        return List.copyOf(rows);
    }

    /**
     * Stored keys and values: lower-cased as Backstage does ({@code toLocaleLowerCase('en-US')}),
     * not trimmed.
     */
    public static String lowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Filter input (keys, values, order fields, full-text terms): trimmed and lower-cased, as
     * Backstage's request parsers do, so it compares with {@link #lowerCase stored} keys and values.
     */
    public static String normalize(String text) {
        return lowerCase(text.trim());
    }

    /**
     * A leaf of the entity: its dotted path as written, its value (a string, or null) and the path
     * lower-cased, which is needed twice and computed once.
     */
    record Leaf(String key, String value, String lowerKey) {
        Leaf(String key, String value) {
            this(key, value, lowerCase(key));
        }

        Leaf(String key, JsonNode node) {
            this(key, scalarText(node));
        }
    }

    /** Backstage's {@code traverse}: every leaf outside the special keys, in document order. */
    static List<Leaf> leaves(JsonNode root) {
        List<Leaf> out = new ArrayList<>(64);
        visit("", root, out, new HashSet<>(128));
        return out;
    }

    private static void visit(String path, JsonNode node, List<Leaf> out, Set<String> lowerKeys) {
        if (path.length() <= LONGEST_SPECIAL_KEY && SPECIAL_KEYS.contains(path)) {
            return;
        }
        if (node.isNull() || node.isValueNode()) {
            add(out, lowerKeys, new Leaf(path, node));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                visit(path, item, out, lowerKeys);
                if (item.isTextual()) {
                    String itemKey = path + "." + item.asText();
                    String lowerItemKey = lowerCase(itemKey);
                    if (!lowerKeys.contains(lowerItemKey)) {
                        add(out, lowerKeys, new Leaf(itemKey, "true", lowerItemKey));
                    }
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                visit(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out, lowerKeys);
            }
        }
    }

    private static void add(List<Leaf> out, Set<String> lowerKeys, Leaf leaf) {
        out.add(leaf);
        lowerKeys.add(leaf.lowerKey());
    }

    private static SearchRow row(String key, String original) {
        if (original == null) {
            return new SearchRow(key, null, null);
        }
        String value = lowerCase(original);
        if (value.length() > MAX_VALUE_LENGTH) {
            return new SearchRow(key, null, null);
        }
        return new SearchRow(key, value, original);
    }

    // Backstage adds the default namespace row when `!entity.metadata.namespace`.
    private static boolean isFalsy(JsonNode node) {
        return node.isMissingNode()
                || node.isNull()
                || (node.isTextual() && node.asText().isEmpty())
                || (node.isBoolean() && !node.asBoolean())
                || (node.isNumber() && node.doubleValue() == 0);
    }

    /** A scalar as JavaScript's {@code String(value)} prints it; null for null, missing or objects. */
    static String scalarText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean() ? "true" : "false";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return javascriptNumber(node.doubleValue());
        }
        return null;
    }

    // JSON numbers are doubles in Backstage: 1.0 prints as "1", 1e-7 as "1e-7", 1e21 as "1e+21";
    // JavaScript writes plain decimals from 1e-6 up to (not including) 1e21.
    private static String javascriptNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }
}
