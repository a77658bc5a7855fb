package io.tfsync.cli;

import io.tfsync.Application;
import io.tfsync.config.ConfigLoader;
import io.tfsync.config.DatabaseConfig;
import io.tfsync.config.Secret;
import io.tfsync.config.TfsyncConfig;
import io.tfsync.config.TokenConfig;
import io.tfsync.config.WorkspaceFolders;
import io.tfsync.http.ApiToken;
import io.tfsync.sources.FileStateSource;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.StateSources;
import io.tfsync.sources.TfcStateSource;
import io.tfsync.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration a command runs with: the file when {@code --config} is given, else the embedded
 * default, with command-line overrides applied on top.
 */
record Settings(TfsyncConfig config) {

    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    static Settings load(Path configFile, Path dataDir, Integer port) {
        if (port != null && (port < 0 || port > 65535)) {
            throw new UsageException("--port " + port + " is not a port number (0-65535)");
        }
        TfsyncConfig config = configFile != null
                ? ConfigLoader.load(configFile)
                : TfsyncConfig.defaults(dataDir != null ? dataDir : TfsyncConfig.DEFAULT_DATA_DIR);
        if (port != null) {
            config = config.withPort(port);
        }
        return new Settings(config);
    }

    Application.Options applicationOptions() {
        DatabaseConfig db = config.database();
        DatabaseSettings database = new DatabaseSettings(
                db.url(),
                db.user().orElse(null),
                db.password().map(Secret::value).orElse(null),
                db.schema().orElse(null));
        List<ApiToken> tokens =
                config.auth().tokens().stream().map(Settings::apiToken).toList();
        return new Application.Options(
                database,
                config.server().host(),
                config.server().port(),
                tokens,
                SHUTDOWN_GRACE,
                syncOptions(),
                Application.EventOptions.of(config.events()),
                new Application.WebhookOptions(
                        config.synchronization().webhooks().tfc().enabled(),
                        config.secrets().keyBytes(),
                        config.synchronization().webhooks().tfc().timeout(),
                        config.synchronization().webhooks().github().enabled(),
                        config.github()));
    }

    DatabaseSettings databaseSettings() {
        return applicationOptions().database();
    }

    /** The workspaces (folder sources expanded), the mapping and the state sources. */
    Application.SyncOptions syncOptions() {
        return new Application.SyncOptions(
                WorkspaceFolders.expand(config.workspaces()),
                config.mapping(),
                new StateSources(new FileStateSource(), terraformCloud()),
                config.synchronization().scheduled(),
                Application.SyncOptions.DEFAULT_LEASE,
                Application.SyncOptions.DEFAULT_POLL_INTERVAL);
    }

    private StateSource terraformCloud() {
        return new TfcStateSource(
                config.terraformCloud(), config.synchronization().retry());
    }

    private static ApiToken apiToken(TokenConfig token) {
        return new ApiToken(
                token.name(),
                token.sha256(),
                token.tenant(),
                token.scopes().stream().map(s -> s.id()).collect(Collectors.toSet()));
    }

    /** The host to print in URLs: a wildcard bind address is reachable as localhost. */
    String displayHost() {
        String host = config.server().host();
        return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    }
}
