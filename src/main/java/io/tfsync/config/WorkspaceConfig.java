package io.tfsync.config;

import io.tfsync.catalog.EntityRef;
import io.tfsync.terraform.WorkspaceContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One Terraform workspace tfsync keeps in the catalog. {@code id} is tfsync's own name for it (unique,
 * used in URLs, annotations and ownership); {@code tenant} and {@code businessUnit} become the labels
 * {@code tfsync.io/tenant} and {@code tfsync.io/business-unit}; the entities go to {@code namespace},
 * with {@code spec.owner} = {@code owner} (kind defaults to {@code group}, namespace to the workspace's)
 * and the optional {@code spec.system}. {@code schedule} (5-field cron) overrides
 * {@code synchronization.scheduled.default_schedule}; {@code repository} ({@code owner/name}) is the
 * GitHub repository whose pushes concern this workspace.
 */
public record WorkspaceConfig(
        String id,
        String tenant,
        String businessUnit,
        String namespace,
        EntityRef owner,
        Optional<EntityRef> system,
        SourceConfig source,
        Optional<String> schedule,
        Optional<String> repository) {

    public static final String DEFAULT_NAMESPACE = EntityRef.DEFAULT_NAMESPACE;

    public WorkspaceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(businessUnit, "businessUnit");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(repository, "repository");
    }

    /** What the mapper needs to know of this workspace. */
    public WorkspaceContext mappingContext() {
        return mappingContext(Optional.empty(), Optional.empty());
    }

    /**
     * What the mapper needs to know of this workspace, claimed by the entity {@code dependencyOf} and
     * marked with the {@code drift} annotation.
     */
    public WorkspaceContext mappingContext(Optional<String> dependencyOf, Optional<String> drift) {
        return new WorkspaceContext(
                id,
                tenant,
                businessUnit,
                namespace,
                owner.toString(),
                system.map(EntityRef::toString),
                dependencyOf,
                drift);
    }

    /**
     * The cron schedule this workspace syncs on, if any: its own, else the default one; none when
     * scheduled syncs are disabled.
     */
    public Optional<String> effectiveSchedule(SynchronizationConfig.Scheduled scheduled) {
        if (!scheduled.enabled()) {
            return Optional.empty();
        }
        return Optional.of(schedule.orElse(scheduled.defaultSchedule()));
    }
}
