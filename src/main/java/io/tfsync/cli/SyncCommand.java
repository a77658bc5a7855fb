package io.tfsync.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.Application;
import io.tfsync.store.Database;
import io.tfsync.store.Store;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncService;
import io.tfsync.sync.Trigger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tfsync sync WORKSPACE}: one sync of one configured workspace against the configured
 * database, then exit. If a running service holds the workspace, its sync runs there and this waits.
 */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Syncs one configured workspace into the catalog now, then exits.",
            "Prints +added ~updated -deleted. Exit 0: synced; 1: the sync failed; 2: bad configuration or workspace."
        })
final class SyncCommand implements Callable<Integer> {

    static final Duration WAIT = Duration.ofMinutes(30);

    @Parameters(index = "0", paramLabel = "WORKSPACE", description = "The workspace's id in the configuration.")
    String workspace;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: the embedded default, which has no workspaces).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = Settings.load(config, null, null);
        Application.SyncOptions options = settings.syncOptions();
        if (options.workspaces().stream().noneMatch(w -> w.id().equals(workspace))) {
            String known = options.workspaces().stream().map(w -> w.id()).collect(Collectors.joining(", "));
            throw new UsageException("no workspace '" + workspace + "' in "
                    + (config == null ? "the embedded default configuration" : config.toString())
                    + (known.isEmpty() ? "; it configures none" : "; configured: " + known));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Database database = Database.open(settings.databaseSettings())) {
            SyncService sync = new SyncService(
                    new Store(database, InstantSource.system()).syncRepository(),
                    options.workspaces(),
                    options.source(),
                    options.mapping(),
                    new SimpleMeterRegistry(),
                    InstantSource.system(),
                    new SyncService.Settings(
                            Application.instanceId(), options.lease(), Duration.ZERO, options.scheduled()));
            try {
                SyncRecord record = sync.runNow(workspace, Trigger.CLI, WAIT);
                return report(record, out, err);
            } finally {
                sync.close(Duration.ofSeconds(5));
            }
        }
    }

    private static int report(SyncRecord record, PrintWriter out, PrintWriter err) {
        switch (record.status()) {
            case SUCCEEDED -> {
                out.println(record.counts());
                record.conflicts()
                        .forEach(c -> err.println(
                                "conflict: " + c.ref() + " is owned by " + c.ownedBy() + "; it was left as it was"));
                out.flush();
                err.flush();
                return TfsyncCommand.OK;
            }
            case FAILED -> {
                err.println("tfsync: sync " + record.syncId() + " of workspace " + record.workspace() + " failed: "
                        + record.error().orElse("no reason was recorded"));
                err.flush();
                return TfsyncCommand.RUNTIME_ERROR;
            }
            default -> {
                err.println("tfsync: sync " + record.syncId() + " of workspace " + record.workspace() + " is still "
                        + record.status() + " after " + WAIT.toMinutes() + " minutes; see GET /api/sync/history/"
                        + record.syncId());
                err.flush();
                return TfsyncCommand.RUNTIME_ERROR;
            }
        }
    }
}
