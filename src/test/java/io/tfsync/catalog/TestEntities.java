package io.tfsync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/** Entities for the catalog tests, written as YAML the way catalog-info files are. */
final class TestEntities {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = new YAMLMapper();

    private TestEntities() {}

    static Entity yaml(String yaml) {
        return Entity.of(yamlObject(yaml));
    }

    static ObjectNode yamlObject(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid Resource in the default namespace, owned by group team-a. */
    static ObjectNode resource(String name) {
        return yamlObject("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata:
                  name: %s
                spec:
                  type: database
                  owner: team-a
                """.formatted(name));
    }
}
