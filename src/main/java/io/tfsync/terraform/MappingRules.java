package io.tfsync.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that decide which instances become entities and how: include and exclude by resource
 * type glob and by provider, {@code spec.type} by resource type, the tag keys that name an owner or
 * system, and the attribute allow-list. Read from the config's {@code mapping:} block by {@link
 * #from}; {@link #defaults()} is an empty block.
 *
 * @param includeTypes when not empty, only resource types matching one of these globs are mapped
 * @param includeProviders when not empty, only providers matching one of these (type name or source)
 * @param excludeTypes resource types never mapped
 * @param excludeProviders providers never mapped, the utility providers included unless turned off
 * @param typeRules resource type glob to {@code spec.type}, in order; the first match wins, before
 *     the built-in defaults
 * @param ownerTags tag or label keys whose value, when a valid ref, becomes {@code spec.owner}
 * @param systemTags tag or label keys whose value, when a valid ref, becomes {@code spec.system}
 * @param attributes the top-level attributes an entity may carry (secret-looking ones never do)
 */
public record MappingRules(
        List<Glob> includeTypes,
        List<Glob> includeProviders,
        List<Glob> excludeTypes,
        List<Glob> excludeProviders,
        Map<Glob, String> typeRules,
        List<String> ownerTags,
        List<String> systemTags,
        Set<String> attributes) {

    /** Providers whose resources are bookkeeping, not infrastructure, matched by type name. */
    public static final List<String> UTILITY_PROVIDERS = List.of(
            "null",
            "random",
            "time",
            "tls",
            "local",
            "external",
            "template",
            "cloudinit",
            "http",
            "archive",
            "terraform");

    /** The attributes an entity carries by default. */
    public static final List<String> DEFAULT_ATTRIBUTES =
            List.of("id", "arn", "name", "self_link", "region", "location", "zone", "tags", "labels");

    private static final Set<String> KEYS =
            Set.of("include", "exclude", "defaultExclusions", "types", "ownerTags", "systemTags", "attributes");

    public MappingRules {
        includeTypes = List.copyOf(includeTypes);
        includeProviders = List.copyOf(includeProviders);
        excludeTypes = List.copyOf(excludeTypes);
        excludeProviders = List.copyOf(excludeProviders);
        typeRules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(typeRules));
        ownerTags = List.copyOf(ownerTags);
        systemTags = List.copyOf(systemTags);
        attributes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(attributes));
    }

    /** The rules of an empty {@code mapping:} block. */
    public static MappingRules defaults() {
        return from(null);
    }

    /**
     * Reads a {@code mapping:} block (null or missing means empty).
     *
     * @throws MappingRulesException naming the first key that is wrong
     */
    public static MappingRules from(JsonNode mapping) {
        JsonNode root = mapping == null || mapping.isMissingNode() || mapping.isNull() ? null : mapping;
        if (root != null && !root.isObject()) {
            throw new MappingRulesException("mapping", "must be a mapping of rules");
        }
        if (root != null) {
            root.fieldNames().forEachRemaining(key -> {
                if (!KEYS.contains(key)) {
                    throw new MappingRulesException(
                            "mapping." + key, "is not a known key; expected one of " + String.join(", ", sorted(KEYS)));
                }
            });
        }
        JsonNode include = section(root, "include");
        JsonNode exclude = section(root, "exclude");
        boolean defaultExclusions = bool(root, "defaultExclusions", true);
        var excludeProviders = new ArrayList<Glob>();
        if (defaultExclusions) {
            UTILITY_PROVIDERS.forEach(p -> excludeProviders.add(Glob.of(p)));
        }
        excludeProviders.addAll(globs(exclude, "mapping.exclude", "providers"));
        var typeRules = new LinkedHashMap<Glob, String>();
        JsonNode types = root == null ? null : root.get("types");
        if (types != null && !types.isNull()) {
            if (!types.isObject()) {
                throw new MappingRulesException("mapping.types", "must map resource type globs to spec.type values");
            }
            types.fields().forEachRemaining(e -> {
                String value = e.getValue().isTextual() ? e.getValue().asText().strip() : "";
                if (value.isEmpty()) {
                    throw new MappingRulesException("mapping.types." + e.getKey(), "must be a non-empty string");
                }
                typeRules.put(Glob.of(e.getKey()), value);
            });
        }
        var attributes = new LinkedHashSet<>(DEFAULT_ATTRIBUTES);
        attributes.addAll(strings(root, "mapping", "attributes"));
        List<String> ownerTags = strings(root, "mapping", "ownerTags");
        List<String> systemTags = strings(root, "mapping", "systemTags");
        return new MappingRules(
                globs(include, "mapping.include", "types"),
                globs(include, "mapping.include", "providers"),
                globs(exclude, "mapping.exclude", "types"),
                excludeProviders,
                typeRules,
                root != null && root.has("ownerTags") ? ownerTags : List.of("owner"),
                root != null && root.has("systemTags") ? systemTags : List.of("system"),
                attributes);
    }

    /** Whether an instance of this type and provider source becomes an entity. */
    public boolean includes(String resourceType, String providerSource) {
        if (!includeTypes.isEmpty() && includeTypes.stream().noneMatch(g -> g.matches(resourceType))) {
            return false;
        }
        if (!includeProviders.isEmpty()
                && includeProviders.stream().noneMatch(g -> g.matchesProvider(providerSource))) {
            return false;
        }
        return excludeTypes.stream().noneMatch(g -> g.matches(resourceType))
                && excludeProviders.stream().noneMatch(g -> g.matchesProvider(providerSource));
    }

    /** The {@code spec.type} for a resource type: the configured rules, the defaults, else the type. */
    public String specType(String resourceType) {
        Optional<String> configured = typeRules.entrySet().stream()
                .filter(e -> e.getKey().matches(resourceType))
                .map(Map.Entry::getValue)
                .findFirst();
        return configured.or(() -> DefaultTypes.of(resourceType)).orElseGet(() -> resourceType.replace('_', '-'));
    }

    private static JsonNode section(JsonNode root, String key) {
        JsonNode node = root == null ? null : root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MappingRulesException("mapping." + key, "must be a mapping with types and/or providers");
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!k.equals("types") && !k.equals("providers")) {
                throw new MappingRulesException(
                        "mapping." + key + "." + k, "is not a known key; expected types or providers");
            }
        });
        return node;
    }

    private static List<Glob> globs(JsonNode parent, String path, String key) {
        return strings(parent, path, key).stream().map(Glob::of).toList();
    }

    private static List<String> strings(JsonNode parent, String path, String key) {
        JsonNode node = parent == null ? null : parent.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MappingRulesException(path + "." + key, "must be a list of strings");
        }
        var values = new ArrayList<String>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new MappingRulesException(path + "." + key + "[" + i + "]", "must be a non-empty string");
            }
            values.add(item.asText().strip());
        }
        return values;
    }

    private static boolean bool(JsonNode root, String key, boolean fallback) {
        JsonNode node = root == null ? null : root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new MappingRulesException("mapping." + key, "must be true or false");
        }
        return node.asBoolean();
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
