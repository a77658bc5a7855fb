package io.tfsync.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.FieldFormats;
import io.tfsync.catalog.InvalidEntityRefException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A repository's {@code Component}: what its {@code .backstage/config.yaml} says, filled in from what
 * GitHub says of the repository (description, topics as tags, links, archived as lifecycle {@code
 * deprecated}). Nothing volatile (a commit, a push time) goes in, so the entity changes only when the
 * component does.
 */
final class ComponentMapper {

    static final String DEFAULT_TYPE = "service";
    static final String DEFAULT_LIFECYCLE = "production";
    static final String ARCHIVED_LIFECYCLE = "deprecated";

    private ComponentMapper() {}

    /**
     * @param configPath the file the config came from, if any, for the location annotations
     * @param defaultOwner the owner when the config names none (the first claimed workspace's)
     * @throws RepositoryConfig.InvalidConfigException for a name, ref or tag Backstage would refuse
     */
    static Entity component(
            RepositoryInfo info,
            RepositoryConfig config,
            Optional<String> configPath,
            String tenant,
            String namespace,
            String defaultOwner,
            List<String> workspaces)
            throws RepositoryConfig.InvalidConfigException {
        String where = configPath.orElse("the repository") + " of " + info.fullName();
        String name = config.name().orElseGet(() -> nameOf(info.name()));
        if (!FieldFormats.isValidObjectName(name)) {
            throw new RepositoryConfig.InvalidConfigException(
                    where + ": the component name " + name + " " + FieldFormats.OBJECT_NAME_RULE);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("apiVersion", "backstage.io/v1alpha1");
        json.put("kind", "Component");
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        config.description().or(info::description).ifPresent(d -> metadata.put("description", d));
        Set<String> tags = new LinkedHashSet<>(info.topics());
        for (String tag : config.tags()) {
            if (!isValidTag(tag)) {
                throw new RepositoryConfig.InvalidConfigException(
                        where + ": the tag " + tag + " " + FieldFormats.TAG_RULE);
            }
            tags.add(tag);
        }
        if (!tags.isEmpty()) {
            ArrayNode array = metadata.putArray("tags");
            tags.stream().filter(ComponentMapper::isValidTag).forEach(array::add);
        }
        ArrayNode links = metadata.putArray("links");
        links.addObject().put("url", info.htmlUrl()).put("title", "Repository").put("icon", "github");
        info.homepage().ifPresent(home -> links.addObject().put("url", home).put("title", "Homepage"));
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put("github.com/project-slug", info.fullName());
        annotations.put(
                "backstage.io/source-location", "url:" + info.htmlUrl() + "/tree/" + info.defaultBranch() + "/");
        String location = configPath
                .map(path -> "url:" + info.htmlUrl() + "/blob/" + info.defaultBranch() + "/" + path)
                .orElse("url:" + info.htmlUrl());
        annotations.put("backstage.io/managed-by-location", location);
        annotations.put("backstage.io/managed-by-origin-location", location);
        if (!workspaces.isEmpty()) {
            annotations.put(RepositoryConfig.WORKSPACES_ANNOTATION, String.join(",", workspaces));
        }
        metadata.putObject("labels").put("tfsync.io/tenant", tenant);
        ObjectNode spec = json.putObject("spec");
        spec.put("type", config.type().orElse(DEFAULT_TYPE));
        spec.put(
                "lifecycle",
                info.archived() ? ARCHIVED_LIFECYCLE : config.lifecycle().orElse(DEFAULT_LIFECYCLE));
        spec.put("owner", ref(where, "owner", config.owner().orElse(defaultOwner), "group", namespace));
        if (config.system().isPresent()) {
            spec.put("system", ref(where, "system", config.system().get(), "system", namespace));
        }
        return Entity.of(json);
    }

    private static String ref(String where, String field, String value, String kind, String namespace)
            throws RepositoryConfig.InvalidConfigException {
        try {
            return EntityRef.parse(value, kind, namespace).toString();
        } catch (InvalidEntityRefException e) {
            throw new RepositoryConfig.InvalidConfigException(where + ": " + field + " " + e.getMessage());
        }
    }

    /** A repository name as an entity name: other characters folded to {@code -}, at most 63. */
    static String nameOf(String repository) {
        String name = repository.replaceAll("[^A-Za-z0-9._-]", "-");
        if (name.length() > FieldFormats.MAX_NAME_LENGTH) {
            name = name.substring(0, FieldFormats.MAX_NAME_LENGTH);
        }
        return name.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    static boolean isValidTag(String tag) {
        return tag.length() <= FieldFormats.MAX_NAME_LENGTH
                && tag.equals(tag.toLowerCase(Locale.ROOT))
                && tag.matches("[a-z0-9:+#]+(-[a-z0-9:+#]+)*");
    }
}
