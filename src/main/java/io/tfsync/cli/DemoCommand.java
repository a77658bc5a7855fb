package io.tfsync.cli;

import io.tfsync.Application;
import io.tfsync.catalog.ApplyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tfsync demo}: {@code serve} on the embedded default with the bundled example catalog loaded,
 * printing the URLs to open.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the embedded default (SQLite) with a bundled example catalog and prints the URLs to open."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: 7007).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder (default: ./tfsync-data).")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = Settings.load(null, data, port);
        Application app = Application.start(settings.applicationOptions(), InstantSource.system());
        ApplyResult loaded = DemoCatalog.load(app.entities());
        String base = "http://" + settings.displayHost() + ":" + app.port();
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println("tfsync demo is running with " + DemoCatalog.describe(loaded) + ".");
        out.println();
        out.println("  Status page      " + base + "/");
        out.println("  All entities     " + base + "/api/catalog/entities");
        out.println("  Databases only   " + base + "/api/catalog/entities?filter=kind=resource,spec.type=database");
        out.println(
                "  Page by page     " + base + "/api/catalog/entities/by-query?limit=5&orderField=metadata.name,asc");
        out.println("  Facets           " + base + "/api/catalog/entity-facets?facet=spec.type&facet=spec.owner");
        out.println("  One entity       " + base + "/api/catalog/entities/by-name/resource/default/payments-db");
        out.println("  API description  " + base + "/openapi.yaml");
        out.println("  Metrics          " + base + "/metrics");
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
        ServeCommand.runUntilStopped(app);
        return TfsyncCommand.OK;
    }
}
