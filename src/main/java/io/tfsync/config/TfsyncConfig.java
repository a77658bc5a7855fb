package io.tfsync.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything tfsync is configured with: one value tree, loaded from a file by {@link ConfigLoader} or
 * made by {@link #defaults(Path)} when no file is given. {@code mapping} is kept as written (a JSON tree);
 * the mapping rules read it.
 */
public record TfsyncConfig(
        ServerConfig server,
        DatabaseConfig database,
        TerraformCloudConfig terraformCloud,
        GithubConfig github,
        SecretsConfig secrets,
        AuthConfig auth,
        List<WorkspaceConfig> workspaces,
        JsonNode mapping,
        EventsConfig events,
        SynchronizationConfig synchronization) {

    /** The data folder used with no configuration file, relative to the working directory. */
    public static final Path DEFAULT_DATA_DIR = Path.of("tfsync-data");

    /** The SQLite file's name inside a data folder. */
    public static final String DATABASE_FILE = "tfsync.db";

    public TfsyncConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(terraformCloud, "terraformCloud");
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(auth, "auth");
        workspaces = List.copyOf(workspaces);
        mapping = Objects.requireNonNull(mapping, "mapping").deepCopy();
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(synchronization, "synchronization");
    }

    /**
     * What {@code tfsync serve} runs with and no configuration file: SQLite at {@code
     * <dataDir>/tfsync.db}, 127.0.0.1:7007, no tokens (anonymous, loopback only), no workspaces, the sync
     * design's defaults for {@code synchronization}.
     */
    public static TfsyncConfig defaults(Path dataDir) {
        return new TfsyncConfig(
                ServerConfig.defaults(),
                DatabaseConfig.sqlite(dataDir.resolve(DATABASE_FILE)),
                TerraformCloudConfig.defaults(),
                GithubConfig.defaults(),
                SecretsConfig.none(),
                AuthConfig.none(),
                List.of(),
                JsonNodeFactory.instance.objectNode(),
                EventsConfig.defaults(),
                SynchronizationConfig.defaults());
    }

    /** {@link #defaults(Path)} with the default data folder, {@code ./tfsync-data}. */
    public static TfsyncConfig defaults() {
        return defaults(DEFAULT_DATA_DIR);
    }

    /** A copy of the mapping tree: the record stays immutable. */
    @Override
    public JsonNode mapping() {
        return mapping.deepCopy();
    }

    public Optional<WorkspaceConfig> workspace(String id) {
        return workspaces.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** This configuration on another port (the CLI's {@code --port}); see {@link ServerConfig#withPort}. */
    public TfsyncConfig withPort(int port) {
        return withServer(server.withPort(port));
    }

    public TfsyncConfig withServer(ServerConfig newServer) {
        return new TfsyncConfig(
                newServer,
                database,
                terraformCloud,
                github,
                secrets,
                auth,
                workspaces,
                mapping,
                events,
                synchronization);
    }

    public TfsyncConfig withDatabase(DatabaseConfig newDatabase) {
        return new TfsyncConfig(
                server,
                newDatabase,
                terraformCloud,
                github,
                secrets,
                auth,
                workspaces,
                mapping,
                events,
                synchronization);
    }

    public TfsyncConfig withWorkspaces(List<WorkspaceConfig> newWorkspaces) {
        return new TfsyncConfig(
                server,
                database,
                terraformCloud,
                github,
                secrets,
                auth,
                newWorkspaces,
                mapping,
                events,
                synchronization);
    }
}
