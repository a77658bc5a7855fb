package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Backstage's {@code fields} projection ({@code parseEntityTransformParams}): which parts of each
 * entity a catalog response carries, such as {@code kind,metadata.name,spec.owner}.
 *
 * <p>Each entry may hold several comma-separated paths; paths are trimmed and empty ones dropped.
 * No paths at all means the whole entity. A path walks object keys, and array items by index
 * ({@code metadata.tags.0}), exactly as written (case matters); a path that leads nowhere is left
 * out of the result. Keys that contain dots, such as most annotation keys, cannot be selected on
 * their own, as in Backstage: select {@code metadata.annotations}.
 */
public final class EntityFields {

    /** The root fields a path may start with. */
    public static final List<String> ROOTS = List.of("apiVersion", "kind", "metadata", "spec", "relations", "status");

    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]*");

    /** Every field: an empty projection. */
    public static final EntityFields ALL = new EntityFields(List.of());

    private final List<List<String>> paths;

    private EntityFields(List<List<String>> paths) {
        this.paths = paths;
    }

    /**
     * Parses the values of the {@code fields} parameter.
     *
     * @throws InvalidFieldException naming the first bad path and the allowed roots
     */
    public static EntityFields parse(List<String> fields) {
        List<List<String>> paths = new ArrayList<>();
        for (String entry : fields) {
            for (String raw : entry.split(",", -1)) {
                String field = raw.trim();
                if (!field.isEmpty()) {
                    paths.add(parsePath(field));
                }
            }
        }
        return new EntityFields(List.copyOf(paths));
    }

    private static List<String> parsePath(String field) {
        if (field.contains("[")) {
            throw new InvalidFieldException(field, "array type fields are not supported; use a dotted path");
        }
        List<String> segments = Arrays.asList(field.split("\\.", -1));
        if (segments.contains("")) {
            throw new InvalidFieldException(
                    field, "a field is a dotted path without empty parts, such as metadata.name");
        }
        if (!ROOTS.contains(segments.get(0))) {
            throw new InvalidFieldException(field, "a field must start with one of " + String.join(", ", ROOTS));
        }
        return List.copyOf(segments);
    }

    /** Whether this projection keeps the whole entity. */
    public boolean selectsAll() {
        return paths.isEmpty();
    }

    /** The paths, dotted, in the order given. */
    public List<String> fields() {
        return paths.stream().map(path -> String.join(".", path)).toList();
    }

    /** A new object holding only the selected paths of the entity (a copy of it when all are). */
    public ObjectNode select(ObjectNode entity) {
        if (selectsAll()) {
            return entity.deepCopy();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (List<String> path : paths) {
            JsonNode value = get(entity, path);
            if (!value.isMissingNode()) {
                set(out, path, value.deepCopy());
            }
        }
        return out;
    }

    private static JsonNode get(JsonNode node, List<String> path) {
        for (String segment : path) {
            if (node.isObject()) {
                node = node.path(segment);
            } else if (node.isArray() && ARRAY_INDEX.matcher(segment).matches()) {
                node = node.path(Integer.parseInt(segment));
            } else {
                return JsonNodeFactory.instance.missingNode();
            }
        }
        return node;
    }

    // As lodash.set: missing containers are made on the way, an array where the next part is an index.
    private static void set(JsonNode root, List<String> path, JsonNode value) {
        JsonNode node = root;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            if (node.isArray() && !ARRAY_INDEX.matcher(segment).matches()) {
                return; // lodash would set a property on the array, which JSON does not carry
            }
            boolean last = i == path.size() - 1;
            JsonNode next = last ? value : child(node, segment);
            if (next == null || !next.isContainerNode()) {
                next = last ? value : newContainer(path.get(i + 1));
            }
            if (node instanceof ObjectNode object) {
                object.set(segment, next);
            } else if (node instanceof ArrayNode array) {
                int index = Integer.parseInt(segment);
                while (array.size() <= index) {
                    array.addNull();
                }
                array.set(index, next);
            }
            node = next;
        }
    }

    private static JsonNode child(JsonNode node, String segment) {
        if (node instanceof ArrayNode array) {
            int index = Integer.parseInt(segment);
            return index < array.size() ? array.get(index) : null;
        }
        return node.get(segment);
    }

    private static JsonNode newContainer(String nextSegment) {
        return ARRAY_INDEX.matcher(nextSegment).matches()
                ? JsonNodeFactory.instance.arrayNode()
                : JsonNodeFactory.instance.objectNode();
    }
}
