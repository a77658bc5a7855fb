package io.tfsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.Entity;

/**
 * Builds entities for tests with sane defaults:
 * {@code Entities.resource("db").owner("group:default/team").type("database").build()} is a valid
 * {@code backstage.io/v1alpha1} Resource in the default namespace.
 */
public final class Entities {

    private final ObjectNode json = JsonNodeFactory.instance.objectNode();

    private Entities(String kind, String name) {
        json.put("apiVersion", "backstage.io/v1alpha1");
        json.put("kind", kind);
        json.putObject("metadata").put("name", name);
        json.putObject("spec");
    }

    public static Entities resource(String name) {
        return new Entities("Resource", name).owner("group:default/platform").type("database");
    }

    public static Entities component(String name) {
        return new Entities("Component", name)
                .owner("group:default/platform")
                .type("service")
                .spec("lifecycle", "production");
    }

    public static Entities group(String name) {
        Entities group = new Entities("Group", name).type("team");
        group.json.withObjectProperty("spec").putArray("children");
        return group;
    }

    /** Any kind, with nothing in its spec. */
    public static Entities of(String kind, String name) {
        return new Entities(kind, name);
    }

    public Entities namespace(String namespace) {
        metadata().put("namespace", namespace);
        return this;
    }

    public Entities title(String title) {
        metadata().put("title", title);
        return this;
    }

    public Entities description(String description) {
        metadata().put("description", description);
        return this;
    }

    public Entities label(String key, String value) {
        metadata().withObjectProperty("labels").put(key, value);
        return this;
    }

    public Entities annotation(String key, String value) {
        metadata().withObjectProperty("annotations").put(key, value);
        return this;
    }

    public Entities tags(String... tags) {
        var array = metadata().putArray("tags");
        for (String tag : tags) {
            array.add(tag);
        }
        return this;
    }

    public Entities owner(String owner) {
        return spec("owner", owner);
    }

    public Entities type(String type) {
        return spec("type", type);
    }

    public Entities system(String system) {
        return spec("system", system);
    }

    public Entities spec(String field, String value) {
        json.withObjectProperty("spec").put(field, value);
        return this;
    }

    public Entities spec(String field, JsonNode value) {
        json.withObjectProperty("spec").set(field, value);
        return this;
    }

    /** Removes a spec field, e.g. to build an entity without an owner. */
    public Entities withoutSpec(String field) {
        json.withObjectProperty("spec").remove(field);
        return this;
    }

    public Entity build() {
        return Entity.of(json);
    }

    private ObjectNode metadata() {
        return json.withObjectProperty("metadata");
    }
}
