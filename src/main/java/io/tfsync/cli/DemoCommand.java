package io.tfsync.cli;

import io.tfsync.Application;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.TfsyncConfig;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncStatus;
import io.tfsync.sync.Trigger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tfsync demo}: {@code serve} on the embedded default with three example workspaces whose
 * states are synced at start, through the same sync engine Terraform Cloud workspaces use.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the embedded default (SQLite), syncs three bundled example Terraform states into it and prints",
            "the URLs to open. The states are copied to <data>/demo-states/ once; edit them and sync again."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: 7007).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./tfsync-data).")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Path dataDir = data != null ? data : TfsyncConfig.DEFAULT_DATA_DIR;
        Settings defaults = Settings.load(null, dataDir, port);
        Settings settings = new Settings(defaults.config().withWorkspaces(DemoCatalog.workspaces(dataDir)));
        Application app = Application.start(settings.applicationOptions(), InstantSource.system());
        PrintWriter out = spec.commandLine().getOut();
        DemoCatalog.load(app.entities());
        out.println();
        for (var workspace : app.sync().workspaces()) {
            SyncRecord record = app.sync().runNow(workspace.id(), Trigger.STARTUP, Duration.ofMinutes(2));
            out.println(
                    "  synced " + workspace.id() + " from " + workspace.source().describe() + ": "
                            + (record.status() == SyncStatus.SUCCEEDED
                                    ? record.counts()
                                    : record.status() + " (" + record.error().orElse("") + ")"));
        }
        String base = "http://" + settings.displayHost() + ":" + app.port();
        out.println();
        out.println("tfsync demo is running: " + app.entities().count(TenantScope.ALL, EntityFilter.ALL, null)
                + " entities from three example Terraform workspaces.");
        out.println();
        out.println("  Status page      " + base + "/");
        out.println("  All entities     " + base + "/api/catalog/entities");
        out.println("  Databases only   " + base + "/api/catalog/entities?filter=kind=resource,spec.type=database");
        out.println(
                "  Page by page     " + base + "/api/catalog/entities/by-query?limit=5&orderField=metadata.name,asc");
        out.println("  Facets           " + base + "/api/catalog/entity-facets?facet=spec.type&facet=spec.owner");
        out.println("  Workspaces       " + base + "/api/sync/workspaces");
        out.println("  Sync history     " + base + "/api/sync/history");
        out.println("  API description  " + base + "/openapi.yaml");
        out.println("  Metrics          " + base + "/metrics");
        out.println();
        out.println("Edit a state in "
                + dataDir.resolve(DemoCatalog.STATES_FOLDER).toAbsolutePath().normalize() + ", then sync it again:");
        out.println("  curl -X POST " + base + "/api/sync/workspaces/payments-prod/sync");
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
        ServeCommand.runUntilStopped(app);
        return TfsyncCommand.OK;
    }
}
