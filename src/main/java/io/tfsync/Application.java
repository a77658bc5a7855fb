package io.tfsync;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.http.ApiToken;
import io.tfsync.http.HttpServer;
import io.tfsync.http.StatusPage;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service: the database, the rooms wired to it and the HTTP server in front. The only
 * place that knows every room; {@code tfsync serve}, {@code tfsync demo} and the end-to-end tests
 * start it the same way.
 */
public final class Application implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Application.class);

    /** What to start. */
    public record Options(
            DatabaseSettings database, String host, int port, List<ApiToken> tokens, Duration shutdownGrace) {
        public Options {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(host, "host");
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        }
    }

    private final Database database;
    private final EntityRepository entities;
    private final HttpServer http;

    private Application(Database database, EntityRepository entities, HttpServer http) {
        this.database = database;
        this.entities = entities;
        this.http = http;
    }

    public static Application start(Options options, InstantSource clock) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        Database database = Database.open(options.database());
        try {
            EntityRepository entities = new Store(database, clock).entityRepository();
            HttpServer http = HttpServer.start(
                    new HttpServer.Settings(options.host(), options.port(), options.tokens(), options.shutdownGrace()),
                    new HttpServer.Services(
                            entities,
                            database::isReady,
                            metrics,
                            new StatusPage.Facts(
                                    version(),
                                    database.dialect().name() + " at " + database.redactedUrl(),
                                    Instant.now())));
            return new Application(database, entities, http);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public static String version() {
        String version = Application.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String databaseKind() {
        return database.dialect().name();
    }

    /** Refreshes the planner's statistics, as autovacuum would soon after a bulk load. */
    public void analyzeDatabase() {
        database.analyze();
    }

    public EntityRepository entities() {
        return entities;
    }

    public int port() {
        return http.port();
    }

    public HttpServer http() {
        return http;
    }

    /** Stops taking requests, lets requests in flight finish, then closes the database pool. */
    @Override
    public void close() {
        log.info("tfsync is shutting down");
        try {
            http.close();
        } finally {
            database.close();
        }
        log.info("tfsync stopped");
    }
}
