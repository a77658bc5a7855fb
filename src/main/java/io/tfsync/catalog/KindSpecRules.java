package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The spec rules of Backstage's built-in kinds, from its kind schemas ({@code
 * Resource.v1alpha1.schema.json} and the others): required and optional fields, their types, and
 * that every entity ref in them parses.
 */
final class KindSpecRules {

    static final Set<String> BUILT_IN_API_VERSIONS = Set.of("backstage.io/v1alpha1", "backstage.io/v1beta1");

    private enum Shape {
        STRING,
        STRING_LIST
    }

    private record Field(String name, Shape shape, boolean required) {}

    private static Field required(String name) {
        return new Field(name, Shape.STRING, true);
    }

    private static Field optional(String name) {
        return new Field(name, Shape.STRING, false);
    }

    private static Field requiredList(String name) {
        return new Field(name, Shape.STRING_LIST, true);
    }

    private static Field optionalList(String name) {
        return new Field(name, Shape.STRING_LIST, false);
    }

    private static final List<String> PROFILE_FIELDS = List.of("displayName", "email", "picture");

    private KindSpecRules() {}

    /** The spec fields of a built-in kind, or null for any other kind. */
    private static List<Field> fields(String kind) {
        return switch (kind) {
            case "Component" ->
                List.of(
                        required("type"),
                        required("lifecycle"),
                        required("owner"),
                        optional("system"),
                        optional("subcomponentOf"),
                        optionalList("providesApis"),
                        optionalList("consumesApis"),
                        optionalList("dependsOn"),
                        optionalList("dependencyOf"));
            case "API" ->
                List.of(
                        required("type"),
                        required("lifecycle"),
                        required("owner"),
                        required("definition"),
                        optional("system"));
            case "Resource" ->
                List.of(
                        required("type"),
                        required("owner"),
                        optionalList("dependsOn"),
                        optionalList("dependencyOf"),
                        optional("system"));
            case "System" -> List.of(required("owner"), optional("domain"), optional("type"));
            case "Domain" -> List.of(required("owner"), optional("subdomainOf"), optional("type"));
            case "Group" ->
                List.of(required("type"), optional("parent"), requiredList("children"), optionalList("members"));
            case "User" -> List.of(optionalList("memberOf"));
            default -> null;
        };
    }

    /** Whether the entity is one of the built-in kinds, whose spec Backstage checks. */
    static boolean isBuiltIn(Entity entity) {
        return fields(entity.kind()) != null && BUILT_IN_API_VERSIONS.contains(entity.apiVersion());
    }

    static void check(Entity entity, FieldChecks checks) {
        if (!isBuiltIn(entity)) {
            return;
        }
        String kind = entity.kind();
        String forKind = " for kind " + kind;
        JsonNode spec = entity.json().path("spec");
        if (FieldChecks.isAbsent(spec)) {
            checks.report("spec", "is required" + forKind);
            return;
        }
        if (!spec.isObject()) {
            return; // the envelope check has reported it
        }
        for (Field field : fields(kind)) {
            String path = "spec." + field.name();
            JsonNode value = spec.path(field.name());
            switch (field.shape()) {
                case STRING -> {
                    if (field.required()) {
                        checks.requireNonEmptyString(path, value, forKind);
                    } else {
                        checks.optionalNonEmptyString(path, value);
                    }
                }
                case STRING_LIST -> {
                    if (field.required()) {
                        checks.requireNonEmptyStringList(path, value, forKind);
                    } else {
                        checks.optionalNonEmptyStringList(path, value);
                    }
                }
            }
        }
        if (kind.equals("Group") || kind.equals("User")) {
            JsonNode profile = spec.path("profile");
            if (checks.optionalObject("spec.profile", profile)) {
                for (String name : PROFILE_FIELDS) {
                    checks.optionalNonEmptyString("spec.profile." + name, profile.path(name));
                }
            }
        }
        checkRefs(entity, spec, checks);
    }

    private static void checkRefs(Entity entity, JsonNode spec, FieldChecks checks) {
        for (Relations.RefField field : Relations.refFields(entity.kind())) {
            JsonNode value = spec.path(field.field());
            String path = "spec." + field.field();
            if (value.isTextual()) {
                checkRef(path, value.asText(), field.defaultKind(), entity, checks);
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isTextual()) {
                        checkRef(FieldChecks.item(path, i), value.get(i).asText(), field.defaultKind(), entity, checks);
                    }
                }
            }
        }
    }

    private static void checkRef(String path, String ref, String defaultKind, Entity entity, FieldChecks checks) {
        if (ref.isEmpty()) {
            return; // reported as an empty string
        }
        try {
            EntityRef.parse(ref, defaultKind, entity.namespace());
        } catch (InvalidEntityRefException e) {
            String hint = defaultKind == null ? "; write it as kind:namespace/name or kind:name" : "";
            checks.report(path, FieldChecks.quote(ref) + " is not a valid entity ref: " + e.reason() + hint);
        }
    }
}
