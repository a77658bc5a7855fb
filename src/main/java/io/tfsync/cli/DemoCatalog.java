package io.tfsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.EntityValidator;
import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The example {@code tfsync demo} serves: the groups and systems of {@code /demo/catalog.yaml},
 * loaded through the catalog's write path (so a second start writes nothing), and three workspaces
 * whose states are copied once into the data folder, where a user may edit them and sync again.
 */
final class DemoCatalog {

    static final String RESOURCE = "/demo/catalog.yaml";
    static final String TENANT = "demo";
    static final String OWNER = "demo:bundled-examples";
    static final String STATES_FOLDER = "demo-states";

    /** A bundled workspace: its state file's name and who owns what it holds. */
    private record Example(String id, String state, String businessUnit, String owner, String system) {}

    private static final List<Example> EXAMPLES = List.of(
            new Example("payments-prod", "payments.tfstate", "payments", "group:default/payments-team", "payments"),
            new Example("network-prod", "network.tfstate", "platform", "group:default/platform-team", "network"),
            new Example("data-prod", "data.tfstate", "data", "group:default/platform-team", null));

    private DemoCatalog() {}

    /** Writes the groups and systems; an older demo's hand-written resources go. */
    static ApplyResult load(EntityRepository entities) {
        return entities.replace(new SourceSnapshot(TENANT, OWNER, read()));
    }

    /**
     * The example workspaces, reading their states from {@code dataDir/demo-states}; a state missing
     * there is copied from the jar first, and one already there (perhaps edited) is left alone.
     */
    static List<WorkspaceConfig> workspaces(Path dataDir) {
        Path folder = dataDir.resolve(STATES_FOLDER).toAbsolutePath().normalize();
        List<WorkspaceConfig> workspaces = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Example example : EXAMPLES) {
                Path state = folder.resolve(example.state());
                if (!Files.exists(state)) {
                    try (InputStream in = DemoCatalog.class.getResourceAsStream("/demo/states/" + example.state())) {
                        if (in == null) {
                            throw new IllegalStateException("the jar lacks the demo state " + example.state());
                        }
                        Files.copy(in, state);
                    }
                }
                workspaces.add(new WorkspaceConfig(
                        example.id(),
                        TENANT,
                        example.businessUnit(),
                        EntityRef.DEFAULT_NAMESPACE,
                        EntityRef.parse(example.owner()),
                        Optional.ofNullable(example.system()).map(s -> EntityRef.parse(s, "system", "default")),
                        new SourceConfig.File(state),
                        Optional.empty(),
                        Optional.empty()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the demo states could not be written to " + folder, e);
        }
        return workspaces;
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
}
