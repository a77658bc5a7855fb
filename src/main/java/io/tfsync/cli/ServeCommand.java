package io.tfsync.cli;

import io.tfsync.Application;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tfsync serve}: runs the service until stopped (Ctrl-C or SIGTERM shut it down gracefully). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the tfsync service.",
            "With no --config: SQLite in ./tfsync-data/, port 7007, bound to 127.0.0.1."
        })
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (YAML).")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (overrides server.port).")
    Integer port;

    @Override
    public Integer call() {
        Settings settings = Settings.load(config, null, port);
        Application app = Application.start(settings.applicationOptions(), InstantSource.system());
        log.info("Catalog API: http://{}:{}/api/catalog/entities", settings.displayHost(), app.port());
        runUntilStopped(app);
        return TfsyncCommand.OK;
    }

    /** Blocks until the JVM is asked to stop, then shuts the application down gracefully. */
    static void runUntilStopped(Application app) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.close();
                            stopped.countDown();
                        },
                        "tfsync-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
