package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an entity with Backstage's rules and reports every problem at once.
 *
 * <p>The envelope, for every kind, as Backstage's entity schema and {@code FieldFormatEntityPolicy}
 * check it: only the root fields {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec},
 * {@code relations} and {@code status}; a valid {@code apiVersion} and {@code kind}; {@code
 * metadata.name} an object name and {@code metadata.namespace} a DNS label; {@code title} and
 * {@code description} strings; label keys and values, annotation keys and string values, tags by
 * the default tag rule, links with a URL (and optional non-blank title, object-name icon, non-empty
 * type); {@code spec} an object. Keys that differ only in case are rejected, as Backstage's search
 * indexer does.
 *
 * <p>The spec of the built-in kinds (Component, API, Resource, System, Domain, Group, User with
 * apiVersion {@code backstage.io/v1alpha1} or {@code backstage.io/v1beta1}) is checked against
 * Backstage's kind schemas, and every entity ref in it must parse (see {@link Relations} for the
 * fields and their default kinds). Other kinds get only the envelope checks.
 *
 * <p>The fields the store fills in ({@code metadata.uid}, {@code etag}, {@code generation}) are
 * checked only for their type when present.
 */
public final class EntityValidator {

    static final Set<String> ROOT_FIELDS = Set.copyOf(EntityFields.ROOTS);

    private EntityValidator() {}

    /**
     * Checks the entity.
     *
     * @throws InvalidEntityException listing every problem, when there is at least one
     */
    public static void validate(Entity entity) {
        List<EntityProblem> problems = problems(entity);
        if (!problems.isEmpty()) {
            throw new InvalidEntityException(describe(entity), problems);
        }
    }

    /** Every problem with the entity, in field order; empty when it is valid. */
    public static List<EntityProblem> problems(Entity entity) {
        JsonNode json = entity.json();
        FieldChecks checks = new FieldChecks();
        json.fieldNames().forEachRemaining(field -> {
            if (!ROOT_FIELDS.contains(field)) {
                checks.report(
                        FieldChecks.child("", field),
                        "is not a known field; expected apiVersion, kind, metadata, spec, relations or status");
            }
        });
        checks.requireFormat(
                "apiVersion",
                json.path("apiVersion"),
                FieldFormats::isValidApiVersion,
                "apiVersion",
                FieldFormats.API_VERSION_RULE);
        checks.requireFormat("kind", json.path("kind"), FieldFormats::isValidKind, "kind", FieldFormats.KIND_RULE);
        checkMetadata(json.path("metadata"), checks);
        checks.optionalObject("spec", json.path("spec"));
        if (!FieldChecks.isAbsent(json.path("relations"))
                && !json.path("relations").isArray()) {
            checks.report("relations", "must be a list, found " + FieldChecks.quote(json.path("relations")));
        }
        checks.optionalObject("status", json.path("status"));
        checkKeyCase(json, checks);
        KindSpecRules.check(entity, checks);
        return checks.problems();
    }

    private static void checkMetadata(JsonNode metadata, FieldChecks checks) {
        if (FieldChecks.isAbsent(metadata) || metadata.isNull()) {
            checks.report("metadata", "is required");
            return;
        }
        if (!metadata.isObject()) {
            checks.report("metadata", "must be an object, found " + FieldChecks.quote(metadata));
            return;
        }
        checks.requireFormat(
                "metadata.name",
                metadata.path("name"),
                FieldFormats::isValidObjectName,
                "name",
                FieldFormats.OBJECT_NAME_RULE);
        checks.optionalFormat(
                "metadata.namespace",
                metadata.path("namespace"),
                FieldFormats::isValidNamespace,
                "namespace",
                FieldFormats.DNS_LABEL_RULE);
        checks.optionalNonEmptyString("metadata.uid", metadata.path("uid"));
        checks.optionalNonEmptyString("metadata.etag", metadata.path("etag"));
        JsonNode generation = metadata.path("generation");
        if (!FieldChecks.isAbsent(generation) && !(generation.canConvertToLong() && generation.asLong() >= 1)) {
            checks.report(
                    "metadata.generation",
                    "must be a whole number of at least 1, found " + FieldChecks.quote(generation));
        }
        checks.optionalString("metadata.title", metadata.path("title"));
        checks.optionalString("metadata.description", metadata.path("description"));
        checkKeyValues("metadata.labels", metadata.path("labels"), "label", true, checks);
        checkKeyValues("metadata.annotations", metadata.path("annotations"), "annotation", false, checks);
        checkTags(metadata.path("tags"), checks);
        checkLinks(metadata.path("links"), checks);
    }

    private static void checkKeyValues(String path, JsonNode map, String what, boolean labels, FieldChecks checks) {
        if (!checks.optionalObject(path, map)) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String key = entry.getKey();
            // The path is built only for a problem: most entities have none, and building it is not free.
            if (!FieldFormats.isValidLabelKey(key)) {
                checks.report(
                        FieldChecks.child(path, key),
                        FieldChecks.quote(key) + " is not a valid " + what + " key: " + FieldFormats.KEY_RULE);
            }
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                checks.report(
                        FieldChecks.child(path, key), "the value must be a string, found " + FieldChecks.quote(value));
            } else if (labels && !FieldFormats.isValidLabelValue(value.asText())) {
                checks.report(
                        FieldChecks.child(path, key),
                        FieldChecks.quote(value) + " is not a valid label value: must be empty or "
                                + FieldFormats.OBJECT_NAME_RULE.substring("must be ".length()));
            }
        }
    }

    private static void checkTags(JsonNode tags, FieldChecks checks) {
        if (FieldChecks.isAbsent(tags)) {
            return;
        }
        if (!tags.isArray()) {
            checks.report("metadata.tags", "must be a list of tags, found " + FieldChecks.quote(tags));
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            checks.requireFormat(
                    FieldChecks.item("metadata.tags", i),
                    tags.get(i),
                    FieldFormats::isValidTag,
                    "tag",
                    FieldFormats.TAG_RULE);
        }
    }

    private static void checkLinks(JsonNode links, FieldChecks checks) {
        if (FieldChecks.isAbsent(links)) {
            return;
        }
        if (!links.isArray()) {
            checks.report("metadata.links", "must be a list of links, found " + FieldChecks.quote(links));
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            String path = FieldChecks.item("metadata.links", i);
            JsonNode link = links.get(i);
            if (!link.isObject()) {
                checks.report(path, "must be an object with a url, found " + FieldChecks.quote(link));
                continue;
            }
            checks.requireFormat(
                    path + ".url",
                    link.path("url"),
                    FieldFormats::isValidUrl,
                    "url",
                    "must be an absolute URL such as https://example.com/page");
            checks.optionalFormat(
                    path + ".title", link.path("title"), FieldFormats::isValidString, "title", "must not be blank");
            checks.optionalFormat(
                    path + ".icon",
                    link.path("icon"),
                    FieldFormats::isValidObjectName,
                    "icon",
                    FieldFormats.OBJECT_NAME_RULE);
            checks.optionalNonEmptyString(path + ".type", link.path("type"));
        }
    }

    // Backstage's search indexer refuses entities whose keys differ only in case, because both
    // would land on one lower-cased search key.
    private static void checkKeyCase(JsonNode json, FieldChecks checks) {
        Map<String, String> firstByLowerKey = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (String special : List.of("metadata.name", "metadata.namespace", "metadata.uid")) {
            firstByLowerKey.put(special, special);
        }
        for (SearchRows.Leaf leaf : SearchRows.leaves(json)) {
            String lower = SearchRows.lowerCase(leaf.key());
            String first = firstByLowerKey.putIfAbsent(lower, leaf.key());
            if (first != null && !first.equals(leaf.key()) && reported.add(leaf.key())) {
                checks.report(
                        leaf.key(), "differs only in case from " + first + "; keys must differ in more than case");
            }
        }
    }

    private static String describe(Entity entity) {
        String name = entity.name();
        return name.isEmpty() ? "without a name" : entity.ref().toString();
    }
}
