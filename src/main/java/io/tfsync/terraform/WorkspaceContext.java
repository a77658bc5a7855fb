package io.tfsync.terraform;

import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.FieldFormats;
import java.util.Objects;
import java.util.Optional;

/**
 * What the mapper needs to know of the workspace a state belongs to.
 *
 * @param workspaceId tfsync's id of the workspace, written to {@code terraform.io/workspace}
 * @param tenant the {@code tfsync.io/tenant} label value
 * @param businessUnit the {@code tfsync.io/business-unit} label value
 * @param namespace the entities' namespace
 * @param owner the default {@code spec.owner}, a ref such as {@code group:default/platform} or {@code
 *     unknown}
 * @param system the default {@code spec.system}, if any
 * @param dependencyOf the ref of the entity (a repository's Component) every resource is a dependency
 *     of, if a source claims the workspace
 * @param drift the {@code tfsync.io/drift} annotation every entity carries while the workspace is drifted
 */
public record WorkspaceContext(
        String workspaceId,
        String tenant,
        String businessUnit,
        String namespace,
        String owner,
        Optional<String> system,
        Optional<String> dependencyOf,
        Optional<String> drift) {

    public WorkspaceContext(
            String workspaceId,
            String tenant,
            String businessUnit,
            String namespace,
            String owner,
            Optional<String> system) {
        this(workspaceId, tenant, businessUnit, namespace, owner, system, Optional.empty(), Optional.empty());
    }

    public WorkspaceContext {
        if (workspaceId == null || workspaceId.isBlank()) {
            throw new IllegalArgumentException("workspaceId must not be blank");
        }
        requireLabel(tenant, "tenant");
        requireLabel(businessUnit, "businessUnit");
        if (!FieldFormats.isValidNamespace(namespace)) {
            throw new IllegalArgumentException("namespace " + FieldFormats.DNS_LABEL_RULE);
        }
        EntityRef.parse(Objects.requireNonNull(owner, "owner"), "group", namespace);
        Objects.requireNonNull(system, "system").ifPresent(s -> EntityRef.parse(s, "system", namespace));
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(dependencyOf, "dependencyOf").ifPresent(d -> EntityRef.parse(d, "component", namespace));
    }

    /** The location annotations' value, {@code tfsync:workspace/<id>}. */
    public String location() {
        return "tfsync:workspace/" + workspaceId;
    }

    private static void requireLabel(String value, String field) {
        if (!FieldFormats.isValidLabelValue(value)) {
            throw new IllegalArgumentException(field + " " + FieldFormats.OBJECT_NAME_RULE);
        }
    }
}
