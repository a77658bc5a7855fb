package io.tfsync.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the places a state marks sensitive into paths of steps ({@link String} attribute names or map
 * keys, {@link Long} list indexes). A step it cannot read ends its path there, so the whole value
 * above it counts as sensitive: when unsure, hide more.
 */
final class SensitivePaths {

    private SensitivePaths() {}

    /** From a state's {@code sensitive_attributes}: {@code [[{"type":"get_attr","value":"password"}]]}. */
    static List<List<Object>> fromStateAttributes(JsonNode sensitiveAttributes) {
        var paths = new ArrayList<List<Object>>();
        if (sensitiveAttributes == null || !sensitiveAttributes.isArray()) {
            return paths;
        }
        for (JsonNode path : sensitiveAttributes) {
            var steps = new ArrayList<Object>();
            Iterable<JsonNode> rawSteps = path.isArray() ? path : List.of(path);
            for (JsonNode step : rawSteps) {
                Object read = readStep(step);
                if (read == null) {
                    break;
                }
                steps.add(read);
            }
            if (!steps.isEmpty()) {
                paths.add(steps);
            }
        }
        return paths;
    }

    private static Object readStep(JsonNode step) {
        JsonNode value = step.isObject() ? step.get("value") : step;
        if (value != null && value.isObject()) {
            value = value.get("value");
        }
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.isTextual() ? value.asText() : null;
    }

    /** From {@code show -json}'s {@code sensitive_values}: an object with {@code true} where values are sensitive. */
    static List<List<Object>> fromShowValues(JsonNode sensitiveValues) {
        var paths = new ArrayList<List<Object>>();
        walk(sensitiveValues, new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(JsonNode node, List<Object> at, List<List<Object>> paths) {
        if (node == null) {
            return;
        }
        if (node.isBoolean() && node.asBoolean() && !at.isEmpty()) {
            paths.add(List.copyOf(at));
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                at.add(e.getKey());
                walk(e.getValue(), at, paths);
                at.removeLast();
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add((long) i);
                walk(node.get(i), at, paths);
                at.removeLast();
            }
        }
    }
}
