package io.tfsync.sources;

import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * State from a file on disk ({@code source: {type: file, path: ...}}), for laptops, the demo and
 * tests. A file names no version, so every sync reads it; an unchanged file still writes nothing,
 * because each entity's content hash is compared before it is written.
 */
public final class FileStateSource implements StateSource {

    @Override
    public FetchedState fetch(WorkspaceConfig workspace, Optional<StateVersion> lastSynced)
            throws StateSourceException {
        if (!(workspace.source() instanceof SourceConfig.File file)) {
            throw new IllegalArgumentException("workspace " + workspace.id() + " does not read a file");
        }
        Path path = file.path();
        if (Files.isDirectory(path)) {
            throw new StateSourceException(
                    "not_found",
                    "the state of workspace " + workspace.id() + " should be a .tfstate or .json file, but " + path
                            + " is a folder");
        }
        try {
            return new FetchedState.Download(
                    Optional.empty(),
                    Optional.empty(),
                    path.toString(),
                    new BufferedInputStream(Files.newInputStream(path), 64 * 1024));
        } catch (NoSuchFileException e) {
            throw new StateSourceException(
                    "not_found", "the state file " + path + " of workspace " + workspace.id() + " does not exist");
        } catch (AccessDeniedException e) {
            throw new StateSourceException(
                    "io", "the state file " + path + " of workspace " + workspace.id() + " may not be read by tfsync");
        } catch (IOException e) {
            throw new StateSourceException(
                    "io",
                    "the state file " + path + " of workspace " + workspace.id() + " could not be opened: "
                            + e.getClass().getSimpleName());
        }
    }
}
