package io.tfsync.github;

import io.tfsync.config.WorkspaceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The repositories the configured workspaces name, each a {@link RepositorySource}. */
public final class RepositorySources {

    private RepositorySources() {}

    /**
     * @throws IllegalArgumentException when workspaces of two tenants name one repository: its component
     *     can belong to one tenant only
     */
    public static List<RepositorySource> from(List<WorkspaceConfig> workspaces, GithubClient client) {
        Map<String, List<WorkspaceConfig>> byRepository = new LinkedHashMap<>();
        for (WorkspaceConfig workspace : workspaces) {
            workspace
                    .repository()
                    .ifPresent(repository -> byRepository
                            .computeIfAbsent(repository.toLowerCase(Locale.ROOT), r -> new ArrayList<>())
                            .add(workspace));
        }
        List<RepositorySource> sources = new ArrayList<>();
        for (List<WorkspaceConfig> naming : byRepository.values()) {
            String tenant = naming.getFirst().tenant();
            for (WorkspaceConfig workspace : naming) {
                if (!workspace.tenant().equals(tenant)) {
                    throw new IllegalArgumentException("workspaces "
                            + naming.getFirst().id() + " (tenant " + tenant
                            + ") and " + workspace.id() + " (tenant " + workspace.tenant()
                            + ") name the same repository "
                            + workspace.repository().orElseThrow() + "; its component can belong to one tenant only");
                }
            }
            Map<String, WorkspaceConfig> tenantWorkspaces = new LinkedHashMap<>();
            workspaces.stream().filter(w -> w.tenant().equals(tenant)).forEach(w -> tenantWorkspaces.put(w.id(), w));
            sources.add(new RepositorySource(
                    naming.getFirst().repository().orElseThrow(), naming, tenantWorkspaces, client));
        }
        return List.copyOf(sources);
    }
}
