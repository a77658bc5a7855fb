package io.tfsync.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityValidator;
import io.tfsync.catalog.FieldFormats;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns one managed resource instance into a {@code Resource} entity as INTERFACES.md fixes it:
 * name from {@link EntityNames}, the {@code terraform.io/*} and location annotations, the tenant and
 * business-unit labels, {@code spec.type} / {@code owner} / {@code system} by the {@link
 * MappingRules}, title and description from common attributes, and the allow-listed attributes under
 * {@code spec.attributes} after {@link Redaction}. {@code spec.dependsOn} needs every instance of
 * the state, so {@link #map} leaves it out and {@link StateEntities} fills it in.
 */
public final class EntityMapper {

    public static final String API_VERSION = "backstage.io/v1alpha1";
    public static final String KIND = "Resource";

    private static final Set<String> TITLE_ATTRIBUTES = Set.of("name", "display_name", "description", "tags", "labels");
    private static final Set<String> TAG_ATTRIBUTES = Set.of("tags", "labels");
    private static final int MAX_TEXT_LENGTH = 512;

    private final WorkspaceContext workspace;
    private final MappingRules rules;
    // A state repeats few types and providers many times; the globs need not run for each instance.
    private final Map<String, Boolean> included = new ConcurrentHashMap<>();
    private final Map<String, String> specTypes = new ConcurrentHashMap<>();

    public EntityMapper(WorkspaceContext workspace, MappingRules rules) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The workspace the entities belong to. */
    public WorkspaceContext workspace() {
        return workspace;
    }

    /** Whether the instance becomes an entity: managed, and not excluded by the rules. */
    public boolean includes(ResourceInstance instance) {
        return "managed".equals(instance.mode())
                && included.computeIfAbsent(
                        instance.type() + " " + instance.provider(),
                        k -> rules.includes(instance.type(), instance.provider()));
    }

    /** The entity for one instance, without {@code spec.dependsOn}; empty when it is not included. */
    public Optional<Entity> map(ResourceInstance instance) {
        return build(instance).map(EntityMapper::checked);
    }

    Optional<ObjectNode> build(ResourceInstance instance) {
        if (!includes(instance)) {
            return Optional.empty();
        }
        var json = JsonNodeFactory.instance.objectNode();
        json.put("apiVersion", API_VERSION);
        json.put("kind", KIND);
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", EntityNames.of(workspace.workspaceId(), instance.address()));
        metadata.put("namespace", workspace.namespace());
        JsonNode titled = Redaction.allowed(instance.attributes(), instance.sensitivePaths(), TITLE_ATTRIBUTES);
        title(titled).ifPresent(t -> metadata.put("title", t));
        text(titled.path("description")).ifPresent(d -> metadata.put("description", d));
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("terraform.io/address", instance.address());
        annotations.put("terraform.io/workspace", workspace.workspaceId());
        annotations.put("terraform.io/resource-type", instance.type());
        annotations.put("terraform.io/provider", instance.provider());
        annotations.put("backstage.io/managed-by-location", workspace.location());
        annotations.put("backstage.io/managed-by-origin-location", workspace.location());
        workspace.drift().ifPresent(drift -> annotations.put("tfsync.io/drift", drift));
        ObjectNode labels = metadata.putObject("labels");
        labels.put("tfsync.io/tenant", workspace.tenant());
        labels.put("tfsync.io/business-unit", workspace.businessUnit());
        ObjectNode spec = json.putObject("spec");
        spec.put("type", specTypes.computeIfAbsent(instance.type(), rules::specType));
        JsonNode tags = Redaction.allowed(instance.attributes(), instance.sensitivePaths(), TAG_ATTRIBUTES);
        spec.put("owner", tagRef(tags, rules.ownerTags(), "group").orElse(workspace.owner()));
        tagRef(tags, rules.systemTags(), "system").or(workspace::system).ifPresent(s -> spec.put("system", s));
        workspace.dependencyOf().ifPresent(ref -> spec.putArray("dependencyOf").add(ref));
        ObjectNode attributes = Redaction.allowed(instance.attributes(), instance.sensitivePaths(), rules.attributes());
        if (!attributes.isEmpty()) {
            spec.set("attributes", attributes);
        }
        return Optional.of(json);
    }

    private static Optional<String> title(JsonNode attributes) {
        return text(attributes.path("tags").path("Name"))
                .or(() -> text(attributes.path("display_name")))
                .or(() -> text(attributes.path("name")));
    }

    private static Optional<String> text(JsonNode node) {
        if (!node.isTextual() || node.asText().isBlank()) {
            return Optional.empty();
        }
        String text = node.asText().strip();
        return Optional.of(text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH));
    }

    // The first tag or label among the keys whose value is a usable entity ref. Keys compare ignoring
    // case, an exact match first: AWS tags are conventionally "Owner", GCP labels "owner".
    private Optional<String> tagRef(JsonNode tags, List<String> keys, String defaultKind) {
        for (String key : keys) {
            for (String field : TAG_ATTRIBUTES) {
                JsonNode values = tags.path(field);
                Optional<String> value = text(values.path(key)).filter(v -> isRef(v, defaultKind));
                if (value.isEmpty() && values.isObject()) {
                    for (var entry : values.properties()) {
                        if (entry.getKey().equalsIgnoreCase(key)) {
                            value = text(entry.getValue()).filter(v -> isRef(v, defaultKind));
                            if (value.isPresent()) {
                                break;
                            }
                        }
                    }
                }
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    private boolean isRef(String value, String defaultKind) {
        try {
            EntityRef ref = EntityRef.parse(value, defaultKind, workspace.namespace());
            return FieldFormats.isValidObjectName(ref.name())
                    && FieldFormats.isValidNamespace(ref.namespace())
                    && FieldFormats.isValidKind(ref.kind());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks a finished entity. Attributes are the one part a state shapes freely (tag keys such as
     * {@code a.B} next to {@code A.b} flatten to keys that differ only in case), so an entity that
     * fails only because of them loses {@code spec.attributes}; any other failure is a mapper bug.
     */
    static Entity checked(ObjectNode json) {
        Entity entity = Entity.of(json);
        if (EntityValidator.problems(entity).isEmpty()) {
            return entity;
        }
        if (json.path("spec").has("attributes")) {
            ObjectNode withoutAttributes = json.deepCopy();
            ((ObjectNode) withoutAttributes.get("spec")).remove("attributes");
            entity = Entity.of(withoutAttributes);
        }
        EntityValidator.validate(entity);
        return entity;
    }
}
