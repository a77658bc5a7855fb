package io.tfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.EntityValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The example catalog {@code tfsync demo} serves: groups, a system and the Terraform resources of two
 * workspaces, as the mapping will make them. Loaded through the same write path a sync uses, so a
 * second start writes nothing.
 */
final class DemoCatalog {

    static final String RESOURCE = "/demo/catalog.yaml";
    static final String TENANT = "demo";
    static final String OWNER = "demo:bundled-examples";

    private DemoCatalog() {}

    static ApplyResult load(EntityRepository entities) {
        return entities.apply(new ChangeSet(TENANT, OWNER, read(), List.of()));
    }

    static List<Entity> read() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Entity> out = new ArrayList<>();
        try (InputStream in = DemoCatalog.class.getResourceAsStream(RESOURCE);
                MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(in)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object) {
                    Entity entity = Entity.of(object);
                    EntityValidator.validate(entity);
                    out.add(entity);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled demo catalog could not be read", e);
        }
        return out;
    }

    static String describe(ApplyResult result) {
        int total = result.added() + result.updated() + result.unchanged();
        if (result.added() == total) {
            return total + " example entities loaded";
        }
        return total + " example entities (" + result.added() + " new, " + result.updated() + " updated, "
                + result.unchanged() + " already there)";
    }
}
