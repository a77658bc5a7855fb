package io.tfsync.sources;

import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import java.util.Objects;
import java.util.Optional;

/** The source for each workspace's {@code source.type}: {@code file} or {@code tfc}. */
public final class StateSources implements StateSource {

    private final StateSource files;
    private final StateSource terraformCloud;

    /**
     * @param terraformCloud the Terraform Cloud source; a workspace of type {@code tfc} fails with its
     *     message when there is none configured
     */
    public StateSources(StateSource files, StateSource terraformCloud) {
        this.files = Objects.requireNonNull(files, "files");
        this.terraformCloud = Objects.requireNonNull(terraformCloud, "terraformCloud");
    }

    @Override
    public FetchedState fetch(WorkspaceConfig workspace, Optional<StateVersion> lastSynced)
            throws StateSourceException, InterruptedException {
        return switch (workspace.source()) {
            case SourceConfig.File file -> files.fetch(workspace, lastSynced);
            case SourceConfig.Tfc tfc -> terraformCloud.fetch(workspace, lastSynced);
        };
    }
}
