package io.tfsync.sources;

import io.tfsync.config.WorkspaceConfig;
import java.util.Optional;

/** Opens a workspace's current Terraform state. Implementations are safe to call from many threads. */
public interface StateSource {

    /**
     * The workspace's current state. When the source can name the current version without
     * downloading it and that version equals {@code lastSynced}, answers {@link FetchedState.Unchanged}
     * and downloads nothing. Otherwise answers {@link FetchedState.Download}, whose stream the caller
     * reads once and closes.
     *
     * @throws StateSourceException when the state cannot be had; its message is one sentence fit for a
     *     user (it names the workspace and what went wrong, never a token or a signed URL)
     */
    FetchedState fetch(WorkspaceConfig workspace, Optional<StateVersion> lastSynced)
            throws StateSourceException, InterruptedException;
}
