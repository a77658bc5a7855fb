package io.tfsync.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns Terraform 0.11's flat attribute map ({@code attributes_flat}: {@code "tags.%": "1", "tags.Name":
 * "web", "ingress.#": "1", "ingress.0.from_port": "80"}) back into a tree. Best effort, as the flat
 * form lost the types: leaves stay strings; a prefix with a {@code .#} count becomes an array ordered by
 * index (set hashes included); a prefix with a {@code .%} count becomes a map whose keys are the whole
 * remaining key, dots and all; any other dotted prefix becomes a nested object.
 */
final class Flatmap {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Set<String> maps = new HashSet<>();
    private final Set<String> lists = new HashSet<>();

    private Flatmap() {}

    static ObjectNode unflatten(JsonNode flat) {
        var flatmap = new Flatmap();
        var keys = new ArrayList<String>();
        flat.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (key.endsWith(".%")) {
                flatmap.maps.add(key.substring(0, key.length() - 2));
            } else if (key.endsWith(".#")) {
                flatmap.lists.add(key.substring(0, key.length() - 2));
            }
        }
        ObjectNode root = NODES.objectNode();
        keys.stream()
                .sorted()
                .filter(k -> !k.endsWith(".%") && !k.endsWith(".#"))
                .forEach(k -> flatmap.put(root, "", k, flat.get(k)));
        return (ObjectNode) flatmap.shape(root, "");
    }

    private void put(ObjectNode node, String prefix, String rest, JsonNode value) {
        int dot = rest.indexOf('.');
        if (dot < 0) {
            node.set(rest, value);
            return;
        }
        String head = rest.substring(0, dot);
        String tail = rest.substring(dot + 1);
        String path = prefix + head;
        ObjectNode child = node.get(head) instanceof ObjectNode existing ? existing : node.putObject(head);
        if (maps.contains(path)) {
            child.set(tail, value);
        } else {
            put(child, path + ".", tail, value);
        }
    }

    private JsonNode shape(ObjectNode node, String prefix) {
        var shaped = NODES.objectNode();
        node.properties().forEach(e -> {
            String path = prefix + e.getKey();
            JsonNode value = e.getValue();
            if (value instanceof ObjectNode object && !maps.contains(path)) {
                value = shape(object, path + ".");
                if (lists.contains(path)) {
                    value = toArray((ObjectNode) value);
                }
            }
            shaped.set(e.getKey(), value);
        });
        return shaped;
    }

    private static ArrayNode toArray(ObjectNode byIndex) {
        var ordered = new TreeMap<String, JsonNode>((a, b) -> {
            boolean numeric = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
            return numeric ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
        });
        byIndex.properties().forEach(e -> ordered.put(e.getKey(), e.getValue()));
        var array = NODES.arrayNode();
        ordered.values().forEach(array::add);
        return array;
    }
}
