package io.tfsync;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.http.ApiToken;
import io.tfsync.http.HttpServer;
import io.tfsync.http.StatusPage;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.StateSourceException;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import io.tfsync.sync.SyncService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
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
            DatabaseSettings database,
            String host,
            int port,
            List<ApiToken> tokens,
            Duration shutdownGrace,
            SyncOptions sync) {
        public Options {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(host, "host");
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(sync, "sync");
        }

        /** No workspaces to sync: a catalog API only. */
        public Options(DatabaseSettings database, String host, int port, List<ApiToken> tokens, Duration grace) {
            this(database, host, port, tokens, grace, SyncOptions.none());
        }
    }

    /**
     * What the sync engine runs with: the workspaces, the {@code mapping:} block, where state comes
     * from, the {@code synchronization.scheduled} settings, the lock lease and how often to look for
     * queued syncs that no instance is running.
     */
    public record SyncOptions(
            List<WorkspaceConfig> workspaces,
            JsonNode mapping,
            StateSource source,
            SynchronizationConfig.Scheduled scheduled,
            Duration lease,
            Duration pollInterval) {
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
        public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

        public SyncOptions {
            workspaces = List.copyOf(workspaces);
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(scheduled, "scheduled");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(pollInterval, "pollInterval");
        }

        public static SyncOptions none() {
            return new SyncOptions(
                    List.of(),
                    null,
                    (workspace, last) -> {
                        throw new StateSourceException(
                                "not_configured", "no state source is configured for workspace " + workspace.id());
                    },
                    SynchronizationConfig.defaults().scheduled(),
                    DEFAULT_LEASE,
                    DEFAULT_POLL_INTERVAL);
        }
    }

    private final Database database;
    private final EntityRepository entities;
    private final SyncService sync;
    private final HttpServer http;
    private final Duration shutdownGrace;

    private Application(
            Database database, EntityRepository entities, SyncService sync, HttpServer http, Duration grace) {
        this.database = database;
        this.entities = entities;
        this.sync = sync;
        this.http = http;
        this.shutdownGrace = grace;
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
        SyncService sync = null;
        try {
            Store store = new Store(database, clock);
            EntityRepository entities = store.entityRepository();
            SyncOptions syncOptions = options.sync();
            sync = new SyncService(
                    store.syncRepository(),
                    syncOptions.workspaces(),
                    syncOptions.source(),
                    syncOptions.mapping(),
                    metrics,
                    clock,
                    new SyncService.Settings(
                            instanceId(), syncOptions.lease(), syncOptions.pollInterval(), syncOptions.scheduled()));
            HttpServer http = HttpServer.start(
                    new HttpServer.Settings(options.host(), options.port(), options.tokens(), options.shutdownGrace()),
                    new HttpServer.Services(
                            entities,
                            sync,
                            database::isReady,
                            metrics,
                            new StatusPage.Facts(
                                    version(),
                                    database.dialect().name() + " at " + database.redactedUrl(),
                                    Instant.now())));
            return new Application(database, entities, sync, http, options.shutdownGrace());
        } catch (RuntimeException e) {
            if (sync != null) {
                sync.close(Duration.ZERO);
            }
            database.close();
            throw e;
        }
    }

    /** This process's name in workspace locks and the sync history: host, pid and a random tail. */
    public static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
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

    public SyncService sync() {
        return sync;
    }

    public int port() {
        return http.port();
    }

    public HttpServer http() {
        return http;
    }

    /**
     * Stops taking requests, lets requests and syncs in flight finish, then closes the database pool.
     */
    @Override
    public void close() {
        log.info("tfsync is shutting down");
        try {
            http.close();
            sync.close(shutdownGrace);
        } finally {
            database.close();
        }
        log.info("tfsync stopped");
    }
}
