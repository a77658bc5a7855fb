package io.tfsync.github;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a repository says about itself, read from {@code .backstage/config.yaml} (tfsync's format) or,
 * when that file is absent, from the {@code Component} document of its {@code catalog-info.yaml}:
 *
 * <pre>
 * component:
 *   name: payments-api              # default: the repository's name
 *   owner: group:default/payments   # default: the owner of the first workspace below
 *   system: payments                # optional
 *   lifecycle: production           # default: production (deprecated while the repository is archived)
 *   type: service                   # default: service
 *   description: Card payments API  # default: the repository's description
 *   tags: [payments]                # added to the repository's topics
 * workspaces: [payments-prod, payments-staging]   # tfsync workspace ids whose resources belong to it
 * </pre>
 *
 * Nothing in the file is interpolated: it comes from a repository, not from the operator.
 */
public record RepositoryConfig(
        Optional<String> name,
        Optional<String> owner,
        Optional<String> system,
        Optional<String> lifecycle,
        Optional<String> type,
        Optional<String> description,
        List<String> tags,
        List<String> workspaces) {

    /** tfsync's own file, read first. */
    public static final String CONFIG_PATH = ".backstage/config.yaml";

    /** Backstage's descriptor file, read when the repository has no {@link #CONFIG_PATH}. */
    public static final String CATALOG_INFO_PATH = "catalog-info.yaml";

    /** On a {@code catalog-info.yaml} Component: the workspaces, comma-separated. */
    public static final String WORKSPACES_ANNOTATION = "tfsync.io/workspaces";

    private static final ObjectMapper YAML =
            new ObjectMapper(YAMLFactory.builder().build());
    private static final Set<String> TOP_KEYS = Set.of("component", "workspaces");
    private static final Set<String> COMPONENT_KEYS =
            Set.of("name", "owner", "system", "lifecycle", "type", "description", "tags");

    public RepositoryConfig {
        tags = List.copyOf(tags);
        workspaces = List.copyOf(workspaces);
    }

    /** A repository with neither file: its component from the repository's own metadata alone. */
    public static RepositoryConfig none() {
        return new RepositoryConfig(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of());
    }

    /** A file that does not say what tfsync can use: the sentence names the file, and the key or line. */
    public static final class InvalidConfigException extends Exception {
        public InvalidConfigException(String message) {
            super(message);
        }
    }

    /** Reads the file found at {@code path} ({@link #CONFIG_PATH} or {@link #CATALOG_INFO_PATH}). */
    public static RepositoryConfig parse(String repository, String path, byte[] content) throws InvalidConfigException {
        String where = path + " of " + repository;
        List<JsonNode> documents = documents(where, content);
        if (path.equals(CATALOG_INFO_PATH)) {
            return fromCatalogInfo(where, documents);
        }
        if (documents.size() != 1 || !documents.getFirst().isObject()) {
            throw new InvalidConfigException(
                    where + " must hold one YAML mapping with the keys component and workspaces");
        }
        JsonNode root = documents.getFirst();
        unknownKeys(where, "", root, TOP_KEYS);
        JsonNode component = root.path("component");
        if (!component.isMissingNode() && !component.isObject()) {
            throw new InvalidConfigException(where + ": component must be a mapping");
        }
        if (component.isObject()) {
            unknownKeys(where, "component.", component, COMPONENT_KEYS);
        }
        return new RepositoryConfig(
                text(where, component, "component.", "name"),
                text(where, component, "component.", "owner"),
                text(where, component, "component.", "system"),
                text(where, component, "component.", "lifecycle"),
                text(where, component, "component.", "type"),
                text(where, component, "component.", "description"),
                texts(where, component.path("tags"), "component.tags"),
                texts(where, root.path("workspaces"), "workspaces"));
    }

    private static RepositoryConfig fromCatalogInfo(String where, List<JsonNode> documents)
            throws InvalidConfigException {
        JsonNode component = null;
        for (JsonNode document : documents) {
            if (document.isObject() && "Component".equals(document.path("kind").asText())) {
                component = document;
                break;
            }
        }
        if (component == null) {
            throw new InvalidConfigException(where + " holds no document of kind Component");
        }
        JsonNode metadata = component.path("metadata");
        JsonNode spec = component.path("spec");
        List<String> workspaces = new ArrayList<>();
        Optional<String> listed =
                text(where, metadata.path("annotations"), "metadata.annotations.", WORKSPACES_ANNOTATION);
        listed.ifPresent(value -> {
            for (String id : value.split(",")) {
                if (!id.isBlank()) {
                    workspaces.add(id.strip());
                }
            }
        });
        return new RepositoryConfig(
                text(where, metadata, "metadata.", "name"),
                text(where, spec, "spec.", "owner"),
                text(where, spec, "spec.", "system"),
                text(where, spec, "spec.", "lifecycle"),
                text(where, spec, "spec.", "type"),
                text(where, metadata, "metadata.", "description"),
                texts(where, metadata.path("tags"), "metadata.tags"),
                workspaces);
    }

    private static List<JsonNode> documents(String where, byte[] content) throws InvalidConfigException {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(content)) {
            Iterator<JsonNode> values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    documents.add(document);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The parser's own message may quote the line; say only where it is. Reading values one document
            // at a time wraps the parser's exception in an unchecked one.
            Throwable cause = e;
            while (cause != null && !(cause instanceof JsonProcessingException)) {
                cause = cause.getCause();
            }
            JsonLocation at = cause instanceof JsonProcessingException p ? p.getLocation() : null;
            throw new InvalidConfigException(where + " is not valid YAML"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (documents.isEmpty()) {
            throw new InvalidConfigException(where + " is empty");
        }
        return documents;
    }

    private static void unknownKeys(String where, String prefix, JsonNode node, Set<String> known)
            throws InvalidConfigException {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw new InvalidConfigException(where + ": unknown key " + prefix + field.getKey() + " (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Optional<String> text(String where, JsonNode parent, String prefix, String key)
            throws InvalidConfigException {
        JsonNode value = parent.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new InvalidConfigException(where + ": " + prefix + key + " must be a non-empty string");
        }
        return Optional.of(value.asText().strip());
    }

    private static List<String> texts(String where, JsonNode value, String key) throws InvalidConfigException {
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidConfigException(where + ": " + key + " must be a list of strings");
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw new InvalidConfigException(where + ": " + key + "[" + i + "] must be a non-empty string");
            }
            texts.add(item.asText().strip());
        }
        return texts;
    }
}
