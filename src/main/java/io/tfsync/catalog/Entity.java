package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A Backstage entity: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec} and, once
 * stored, {@code metadata.uid}, {@code metadata.etag} and {@code relations}. The JSON tree is copied
 * on the way in and out, so an {@code Entity} never changes after it is made.
 */
public final class Entity {

    private final ObjectNode json;

    private Entity(ObjectNode json) {
        this.json = json;
    }

    /** Wraps a copy of the given JSON object; call {@link EntityValidator} to check it. */
    public static Entity of(ObjectNode json) {
        return new Entity(Objects.requireNonNull(json, "json").deepCopy());
    }

    /** A copy of the entity's JSON, safe to change. */
    public ObjectNode toJson() {
        return json.deepCopy();
    }

    /** The JSON without copying; callers must not change it. */
    ObjectNode json() {
        return json;
    }

    public String apiVersion() {
        return json.path("apiVersion").asText("");
    }

    public String kind() {
        return json.path("kind").asText("");
    }

    public String namespace() {
        JsonNode ns = json.path("metadata").path("namespace");
        return ns.isTextual() && !ns.asText().isEmpty() ? ns.asText() : EntityRef.DEFAULT_NAMESPACE;
    }

    public String name() {
        return json.path("metadata").path("name").asText("");
    }

    public EntityRef ref() {
        return new EntityRef(kind(), namespace(), name());
    }

    /** A value at a dotted path such as {@code spec.owner}, or a missing node. */
    public JsonNode at(String dottedPath) {
        JsonNode node = json;
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entity other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "Entity[" + ref() + "]";
    }
}
