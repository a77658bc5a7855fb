package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relations Backstage's {@code BuiltinKindsEntityProcessor} derives from an entity's spec,
 * each followed by its inverse.
 *
 * <table>
 *   <caption>Spec fields and the relations they state</caption>
 *   <tr><th>kind</th><th>field</th><th>default kind</th><th>relation / inverse</th></tr>
 *   <tr><td>Component, API, Resource, System, Domain</td><td>owner</td><td>Group</td>
 *       <td>ownedBy / ownerOf</td></tr>
 *   <tr><td>Component, API, Resource</td><td>system</td><td>System</td><td>partOf / hasPart</td></tr>
 *   <tr><td>Component</td><td>subcomponentOf</td><td>Component</td><td>partOf / hasPart</td></tr>
 *   <tr><td>Component</td><td>providesApis</td><td>API</td><td>providesApi / apiProvidedBy</td></tr>
 *   <tr><td>Component</td><td>consumesApis</td><td>API</td><td>consumesApi / apiConsumedBy</td></tr>
 *   <tr><td>Component, Resource</td><td>dependsOn</td><td>none</td><td>dependsOn / dependencyOf</td></tr>
 *   <tr><td>Component, Resource</td><td>dependencyOf</td><td>none</td><td>dependencyOf / dependsOn</td></tr>
 *   <tr><td>System</td><td>domain</td><td>Domain</td><td>partOf / hasPart</td></tr>
 *   <tr><td>Domain</td><td>subdomainOf</td><td>Domain</td><td>partOf / hasPart</td></tr>
 *   <tr><td>User</td><td>memberOf</td><td>Group</td><td>memberOf / hasMember</td></tr>
 *   <tr><td>Group</td><td>parent</td><td>Group</td><td>childOf / parentOf</td></tr>
 *   <tr><td>Group</td><td>children</td><td>Group</td><td>parentOf / childOf</td></tr>
 *   <tr><td>Group</td><td>members</td><td>User</td><td>hasMember / memberOf</td></tr>
 * </table>
 *
 * <p>Kinds match exactly, as in Backstage ({@code resource} is not {@code Resource}); other kinds
 * state no relations. A target's namespace defaults to the entity's own. A field may hold one ref or
 * a list of them. Values that are not refs (not strings, empty, unparseable, no kind where there is
 * no default) are skipped: {@link EntityValidator} reports them, this class never throws on them.
 * Repeated relations appear once, as in Backstage's stitched entity.
 */
public final class Relations {

    public static final String OWNED_BY = "ownedBy";
    public static final String OWNER_OF = "ownerOf";
    public static final String PART_OF = "partOf";
    public static final String HAS_PART = "hasPart";
    public static final String PROVIDES_API = "providesApi";
    public static final String API_PROVIDED_BY = "apiProvidedBy";
    public static final String CONSUMES_API = "consumesApi";
    public static final String API_CONSUMED_BY = "apiConsumedBy";
    public static final String DEPENDS_ON = "dependsOn";
    public static final String DEPENDENCY_OF = "dependencyOf";
    public static final String MEMBER_OF = "memberOf";
    public static final String HAS_MEMBER = "hasMember";
    public static final String CHILD_OF = "childOf";
    public static final String PARENT_OF = "parentOf";

    /** One spec field that states a relation: where it is, its default kind (or null), the types. */
    record RefField(String field, String defaultKind, String type, String inverse) {}

    private static final RefField OWNER = new RefField("owner", "Group", OWNED_BY, OWNER_OF);
    private static final RefField SYSTEM = new RefField("system", "System", PART_OF, HAS_PART);
    private static final RefField DEPENDS = new RefField("dependsOn", null, DEPENDS_ON, DEPENDENCY_OF);
    private static final RefField DEPENDENCY = new RefField("dependencyOf", null, DEPENDENCY_OF, DEPENDS_ON);

    private Relations() {}

    /** The spec fields of a kind that hold entity refs, in the order Backstage emits them. */
    static List<RefField> refFields(String kind) {
        return switch (kind) {
            case "Component" ->
                List.of(
                        OWNER,
                        new RefField("subcomponentOf", "Component", PART_OF, HAS_PART),
                        new RefField("providesApis", "API", PROVIDES_API, API_PROVIDED_BY),
                        new RefField("consumesApis", "API", CONSUMES_API, API_CONSUMED_BY),
                        DEPENDS,
                        DEPENDENCY,
                        SYSTEM);
            case "API" -> List.of(OWNER, SYSTEM);
            case "Resource" -> List.of(OWNER, DEPENDS, DEPENDENCY, SYSTEM);
            case "User" -> List.of(new RefField("memberOf", "Group", MEMBER_OF, HAS_MEMBER));
            case "Group" ->
                List.of(
                        new RefField("parent", "Group", CHILD_OF, PARENT_OF),
                        new RefField("children", "Group", PARENT_OF, CHILD_OF),
                        new RefField("members", "User", HAS_MEMBER, MEMBER_OF));
            case "System" -> List.of(OWNER, new RefField("domain", "Domain", PART_OF, HAS_PART));
            case "Domain" -> List.of(OWNER, new RefField("subdomainOf", "Domain", PART_OF, HAS_PART));
            default -> List.of();
        };
    }

    /** The relations the entity's spec states, each followed by its inverse. */
    public static List<Relation> of(Entity entity) {
        EntityRef self = entity.ref();
        // Keyed by the lower-cased form: Backstage stores refs lower-cased, so "Group:A" and
        // "group:a" are one relation.
        Map<String, Relation> out = new LinkedHashMap<>();
        for (RefField field : refFields(entity.kind())) {
            for (JsonNode value : values(entity.json().path("spec").path(field.field()))) {
                EntityRef target = parseOrNull(value, field.defaultKind(), self.namespace());
                if (target != null) {
                    add(out, new Relation(self, field.type(), target));
                    add(out, new Relation(target, field.inverse(), self));
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, Relation> out, Relation relation) {
        out.putIfAbsent(
                relation.source().key() + " " + relation.type() + " "
                        + relation.target().key(),
                relation);
    }

    /** A field's values: the items of an array, or the value itself. */
    static List<JsonNode> values(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(values::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node);
        }
        return values;
    }

    private static EntityRef parseOrNull(JsonNode value, String defaultKind, String defaultNamespace) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            return null;
        }
        try {
            return EntityRef.parse(value.asText(), defaultKind, defaultNamespace);
        } catch (InvalidEntityRefException e) {
            return null;
        }
    }
}
