package io.tfsync.github;

import io.tfsync.catalog.Entity;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sync.EntitySource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A GitHub repository named by workspaces' {@code repository:}, as a source of one {@code Component}:
 * read through the GitHub API (the repository, then its {@code .backstage/config.yaml} or {@code
 * catalog-info.yaml} at the pushed commit or the default branch), owned by {@code github:OWNER/NAME}. It
 * claims the workspaces that name it and those its file names (same tenant only): their resources become
 * dependencies of the component.
 */
public final class RepositorySource implements EntitySource {

    /** The owner and sync target id of a repository's entities. */
    public static String idOf(String fullName) {
        return "github:" + fullName;
    }

    private final String fullName;
    private final List<WorkspaceConfig> naming;
    private final Map<String, WorkspaceConfig> tenantWorkspaces;
    private final GithubClient client;

    /**
     * @param naming the workspaces whose {@code repository:} is this one (at least one; one tenant)
     * @param tenantWorkspaces every configured workspace of that tenant, by id
     */
    public RepositorySource(
            String fullName,
            List<WorkspaceConfig> naming,
            Map<String, WorkspaceConfig> tenantWorkspaces,
            GithubClient client) {
        this.fullName = Objects.requireNonNull(fullName, "fullName");
        if (naming.isEmpty()) {
            throw new IllegalArgumentException("a repository source needs a workspace that names it");
        }
        this.naming = List.copyOf(naming);
        this.tenantWorkspaces = Map.copyOf(tenantWorkspaces);
        this.client = Objects.requireNonNull(client, "client");
    }

    public String repository() {
        return fullName;
    }

    @Override
    public String id() {
        return idOf(fullName);
    }

    @Override
    public String tenant() {
        return naming.getFirst().tenant();
    }

    @Override
    public String namespace() {
        return naming.getFirst().namespace();
    }

    @Override
    public Read read(Optional<String> version) throws Failure, InterruptedException {
        try {
            RepositoryInfo info = client.repository(fullName);
            String ref = version.orElse(info.defaultBranch());
            Optional<String> path = Optional.empty();
            RepositoryConfig config = RepositoryConfig.none();
            for (String candidate : List.of(RepositoryConfig.CONFIG_PATH, RepositoryConfig.CATALOG_INFO_PATH)) {
                Optional<byte[]> content = client.file(fullName, candidate, ref);
                if (content.isPresent()) {
                    config = RepositoryConfig.parse(fullName, candidate, content.get());
                    path = Optional.of(candidate);
                    break;
                }
            }
            Set<String> claimed = new LinkedHashSet<>();
            naming.forEach(w -> claimed.add(w.id()));
            for (String workspace : config.workspaces()) {
                if (!tenantWorkspaces.containsKey(workspace)) {
                    throw new RepositoryConfig.InvalidConfigException(path.orElse("?") + " of " + fullName
                            + " names workspace " + workspace + ", which is not configured in tenant " + tenant());
                }
                claimed.add(workspace);
            }
            Entity component = ComponentMapper.component(
                    info,
                    config,
                    path,
                    tenant(),
                    namespace(),
                    naming.getFirst().owner().toString(),
                    List.copyOf(claimed));
            Map<String, String> claims = new LinkedHashMap<>();
            claimed.forEach(w -> claims.put(w, component.ref().toString()));
            return new Read(List.of(component), version, claims);
        } catch (GithubClient.GithubException e) {
            throw new Failure(e.kind(), e.getMessage(), e);
        } catch (RepositoryConfig.InvalidConfigException e) {
            throw new Failure("invalid_config", e.getMessage(), e);
        }
    }
}
