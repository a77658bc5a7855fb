package io.tfsync.cli;

import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TfsyncConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.config.WorkspaceFolders;
import io.tfsync.github.GithubClient;
import io.tfsync.github.GithubHookSetup;
import io.tfsync.sources.StateSourceException;
import io.tfsync.sources.TfcNotificationSetup;
import io.tfsync.store.Database;
import io.tfsync.store.Store;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.WebhookRepository;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tfsync setup ...}: connects tfsync to the systems that notify it. */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = "Registers tfsync's webhook receivers with the systems that send to them.",
        subcommands = {SetupCommand.TfcWebhook.class, SetupCommand.GithubWebhook.class})
final class SetupCommand implements Runnable {

    /** The options both setup commands take. */
    static final class Options {
        @Option(names = "--config", paramLabel = "FILE", required = true, description = "Configuration file.")
        Path config;

        @Option(
                names = "--show-secret",
                description = "Also print the new secret, this once (for a sender you configure by hand).")
        boolean showSecret;
    }

    /** A remote system refused (or could not be reached for) the setup: the sentence to print. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The remote half of a setup: registers tfsync with the new secret, returns what was done. */
    @FunctionalInterface
    interface Remote {
        String configure(String secret) throws Refused, InterruptedException;
    }

    /** {@code secrets.key}, which seals stored secrets, or a usage error that says how to make one. */
    static byte[] secretsKey(TfsyncConfig loaded, Path config) {
        return loaded.secrets()
                .keyBytes()
                .orElseThrow(() -> new UsageException("secrets.key is not configured in " + config
                        + "; tfsync stores webhook secrets encrypted with it. Make one with"
                        + " 'openssl rand -base64 32' and set secrets: { key: \"${TFSYNC_SECRET_KEY}\" }"));
    }

    /**
     * A new secret, stored sealed before the remote system is asked (it may check the URL with a delivery
     * signed by it), then the remote half; if that fails, the secret stored before is put back.
     */
    static int sealThenConfigure(
            Settings settings,
            byte[] key,
            String kind,
            String scope,
            Remote remote,
            String command,
            boolean showSecret,
            CommandSpec spec)
            throws InterruptedException {
        SecretBox box = new SecretBox(key);
        String secret = SecretBox.newToken();
        try (Database database = Database.open(settings.databaseSettings())) {
            WebhookRepository secrets = new Store(database, InstantSource.system()).webhookRepository();
            Optional<WebhookRepository.StoredToken> previous = secrets.tokens(kind).stream()
                    .filter(t -> t.scope().equals(scope))
                    .findFirst();
            secrets.storeToken(kind, scope, box.seal(scope, secret));
            try {
                PrintWriter out = spec.commandLine().getOut();
                out.println(remote.configure(secret));
                if (showSecret) {
                    // Asked for: the one time it is shown. It is stored sealed and never printed again.
                    out.println("The new secret (shown this once; tfsync keeps it only sealed): " + secret);
                }
                return 0;
            } catch (Refused e) {
                previous.ifPresentOrElse(
                        p -> secrets.storeToken(kind, scope, p.sealed()), () -> secrets.deleteToken(kind, scope));
                PrintWriter err = spec.commandLine().getErr();
                err.println("tfsync setup " + command + ": " + e.getMessage());
                err.println("Nothing changed: the secret stored before (if any) is back in place.");
                return 1;
            }
        }
    }

    @Override
    public void run() {
        throw new UsageException(
                "say what to set up, e.g. 'tfsync setup tfc-webhook WORKSPACE' or 'tfsync setup github-webhook OWNER/REPO'");
    }

    /**
     * {@code tfsync setup tfc-webhook WORKSPACE}: a new token, stored sealed first (Terraform Cloud
     * verifies the URL with a delivery signed by it before it saves anything), then the workspace's
     * {@value TfcNotificationSetup#NAME} notification configuration created or updated to use it. If
     * Terraform Cloud refuses, the token stored before is put back, so an existing configuration keeps
     * working.
     */
    @Command(
            name = "tfc-webhook",
            mixinStandardHelpOptions = true,
            description = {
                "Creates (or updates) the Terraform Cloud notification configuration that sends a workspace's",
                "applied runs, errored runs and drift to tfsync, signed with a new token tfsync stores encrypted.",
                "The service must be reachable at synchronization.webhooks.tfc.url (default <server.baseUrl>"
                        + "/api/sync/tfc-webhook): Terraform Cloud checks it before saving.",
                "Exit 0: configured; 1: Terraform Cloud refused or could not be reached; 2: bad configuration."
            })
    static final class TfcWebhook implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "WORKSPACE", description = "The workspace's id in the configuration.")
        String workspace;

        @Mixin
        Options options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = Settings.load(options.config, null, null);
            TfsyncConfig loaded = settings.config();
            WorkspaceConfig target = WorkspaceFolders.expand(loaded.workspaces()).stream()
                    .filter(w -> w.id().equals(workspace))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no workspace '" + workspace + "' in " + options.config
                            + "; configured: "
                            + loaded.workspaces().stream()
                                    .map(WorkspaceConfig::id)
                                    .collect(Collectors.joining(", "))));
            if (!(target.source() instanceof SourceConfig.Tfc tfc)) {
                throw new UsageException("workspace '" + workspace + "' reads its state from "
                        + target.source().type() + ", not Terraform Cloud; only tfc workspaces send notifications");
            }
            byte[] key = secretsKey(loaded, options.config);
            if (loaded.terraformCloud().token().isEmpty()) {
                throw new UsageException("terraformCloud.token is not configured in " + options.config
                        + "; creating a notification configuration needs a token with admin access to the workspace");
            }
            URI url = loaded.synchronization().webhooks().tfc().effectiveUrl(loaded.server());
            return sealThenConfigure(
                    settings,
                    key,
                    "tfc",
                    workspace,
                    token -> {
                        try {
                            TfcNotificationSetup.Configured done = new TfcNotificationSetup(
                                            loaded.terraformCloud(),
                                            loaded.synchronization().retry())
                                    .configure(tfc, url, token);
                            return "Terraform Cloud notification configuration " + done.id() + " ("
                                    + TfcNotificationSetup.NAME + ") " + (done.created() ? "created" : "updated")
                                    + ": workspace " + tfc.organization() + "/" + tfc.workspace() + " ("
                                    + done.workspaceId() + ") now sends "
                                    + String.join(", ", TfcNotificationSetup.TRIGGERS) + " to " + url;
                        } catch (StateSourceException e) {
                            throw new Refused(e.getMessage()
                                    + (e.kind().equals("refused")
                                            ? ". Terraform Cloud checks " + url + " with a signed delivery before it"
                                                    + " saves the configuration: is tfsync serving there, reachable"
                                                    + " from Terraform Cloud, with this secrets.key and database?"
                                            : ""));
                        }
                    },
                    "tfc-webhook",
                    options.showSecret,
                    spec);
        }
    }

    /**
     * {@code tfsync setup github-webhook OWNER/REPO}: a new secret, stored sealed first, then the
     * repository's webhook to tfsync created (or, if one already points at tfsync, updated) with it. If
     * GitHub refuses, the secret stored before is put back.
     */
    @Command(
            name = "github-webhook",
            mixinStandardHelpOptions = true,
            description = {
                "Creates (or updates) the GitHub webhook that sends a repository's push and repository events to",
                "tfsync, signed with a new secret tfsync stores encrypted. The repository must be named by a",
                "workspace (workspaces[].repository). Needs github.token with admin access to the repository's hooks.",
                "Exit 0: configured; 1: GitHub refused or could not be reached; 2: bad configuration."
            })
    static final class GithubWebhook implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "OWNER/REPO", description = "The repository, e.g. acme/payments-infra.")
        String repository;

        @Mixin
        Options options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            Settings settings = Settings.load(options.config, null, null);
            TfsyncConfig loaded = settings.config();
            List<String> named = WorkspaceFolders.expand(loaded.workspaces()).stream()
                    .flatMap(w -> w.repository().stream())
                    .distinct()
                    .toList();
            String target = named.stream()
                    .filter(r -> r.equalsIgnoreCase(repository))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no workspace in " + options.config + " names repository '"
                            + repository + "' (workspaces[].repository); named: "
                            + (named.isEmpty() ? "none" : String.join(", ", named))));
            byte[] key = secretsKey(loaded, options.config);
            if (loaded.github().token().isEmpty()) {
                throw new UsageException("github.token is not configured in " + options.config
                        + "; creating a webhook needs a token that may administer the repository's hooks");
            }
            SynchronizationConfig.GithubWebhook receiver =
                    loaded.synchronization().webhooks().github();
            URI url = receiver.effectiveUrl(loaded.server());
            return sealThenConfigure(
                    settings,
                    key,
                    "github",
                    target,
                    secret -> {
                        try {
                            GithubHookSetup.Configured done = new GithubHookSetup(new GithubClient(loaded.github()))
                                    .configure(target, url, receiver.events(), secret);
                            return "GitHub webhook " + done.id() + " " + (done.created() ? "created" : "updated")
                                    + ": repository " + target + " now sends " + String.join(", ", receiver.events())
                                    + " events to " + url + ", signed with a new secret stored encrypted";
                        } catch (GithubClient.GithubException e) {
                            throw new Refused(e.getMessage());
                        }
                    },
                    "github-webhook",
                    options.showSecret,
                    spec);
        }
    }
}
