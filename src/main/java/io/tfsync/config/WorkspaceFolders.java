package io.tfsync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code file} source whose path is a folder stands for one workspace per {@code *.tfstate} file
 * in it: {@code platform} with {@code states/eu.tfstate} and {@code states/us.tfstate} becomes
 * {@code platform-eu} and {@code platform-us}, each with the folder workspace's other settings.
 * Read when the configuration is loaded; a file added later needs a restart.
 */
public final class WorkspaceFolders {

    private static final String SUFFIX = ".tfstate";
    private static final int MAX_ID = 63;

    private WorkspaceFolders() {}

    /** The workspaces with every folder source replaced by its files' workspaces, in name order. */
    public static List<WorkspaceConfig> expand(List<WorkspaceConfig> workspaces) {
        List<WorkspaceConfig> expanded = new ArrayList<>();
        for (WorkspaceConfig workspace : workspaces) {
            if (workspace.source() instanceof SourceConfig.File file && Files.isDirectory(file.path())) {
                for (Path state : states(file.path())) {
                    expanded.add(new WorkspaceConfig(
                            id(workspace.id(), state),
                            workspace.tenant(),
                            workspace.businessUnit(),
                            workspace.namespace(),
                            workspace.owner(),
                            workspace.system(),
                            new SourceConfig.File(state),
                            workspace.schedule(),
                            workspace.repository()));
                }
            } else {
                expanded.add(workspace);
            }
        }
        return expanded;
    }

    private static List<Path> states(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the state folder " + folder + " could not be listed", e);
        }
    }

    /** {@code <folder id>-<file stem>}, folded to a valid id; a stem that had to change gets a hash. */
    static String id(String folderId, Path state) {
        String file = state.getFileName().toString();
        String stem = file.substring(0, file.length() - SUFFIX.length());
        String folded = stem.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        String id = folderId + "-" + folded;
        if (!folded.equals(stem) || folded.isEmpty() || id.length() > MAX_ID) {
            String hash = HexFormat.of().toHexDigits(stem.hashCode());
            String head = id.length() > MAX_ID - 9 ? id.substring(0, MAX_ID - 9) : id;
            id = head.replaceAll("[^A-Za-z0-9]+$", "") + "-" + hash;
        }
        return id;
    }
}
