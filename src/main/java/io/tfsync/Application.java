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
import io.tfsync.config.EventsConfig;
import io.tfsync.config.GithubConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.events.EventMetrics;
import io.tfsync.events.EventRetention;
import io.tfsync.events.EventSignal;
import io.tfsync.events.EventStream;
import io.tfsync.github.GithubClient;
import io.tfsync.github.GithubWebhooks;
import io.tfsync.github.RepositorySource;
import io.tfsync.github.RepositorySources;
import io.tfsync.http.ApiToken;
import io.tfsync.http.HttpServer;
import io.tfsync.http.StatusPage;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.StateSourceException;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.EventRelay;
import io.tfsync.store.Store;
import io.tfsync.sync.SyncService;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.TfcWebhooks;
import io.tfsync.webhooks.WebhookRepository;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
            SyncOptions sync,
            EventOptions events,
            WebhookOptions webhooks) {
        public Options {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(host, "host");
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(sync, "sync");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(webhooks, "webhooks");
        }

        /** No workspaces to sync, the event stream and webhooks as by default: a catalog API only. */
        public Options(DatabaseSettings database, String host, int port, List<ApiToken> tokens, Duration grace) {
            this(
                    database,
                    host,
                    port,
                    tokens,
                    grace,
                    SyncOptions.none(),
                    EventOptions.defaults(),
                    WebhookOptions.none());
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

    /**
     * The event stream: retention, how often it runs, how often the log's end is read besides the
     * commits this instance hears of, and how often an idle SSE stream sends a heartbeat.
     */
    public record EventOptions(
            EventsConfig.Retention retention, Duration retentionEvery, Duration checkEvery, Duration heartbeat) {
        public static final Duration DEFAULT_RETENTION_EVERY = Duration.ofMinutes(1);
        public static final Duration DEFAULT_CHECK_EVERY = Duration.ofSeconds(1);
        public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

        public EventOptions {
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(retentionEvery, "retentionEvery");
            Objects.requireNonNull(checkEvery, "checkEvery");
            Objects.requireNonNull(heartbeat, "heartbeat");
        }

        public static EventOptions of(EventsConfig config) {
            return new EventOptions(
                    config.retention(), DEFAULT_RETENTION_EVERY, DEFAULT_CHECK_EVERY, DEFAULT_HEARTBEAT);
        }

        public static EventOptions defaults() {
            return of(EventsConfig.defaults());
        }
    }

    /**
     * The webhook receivers: whether the Terraform Cloud one is on, and {@code secrets.key}, which
     * opens the stored tokens deliveries are signed with (without it no delivery can be verified).
     */
    public record WebhookOptions(
            boolean tfcEnabled,
            Optional<byte[]> secretsKey,
            Duration tfcTimeout,
            boolean githubEnabled,
            GithubConfig github) {
        public WebhookOptions {
            Objects.requireNonNull(secretsKey, "secretsKey");
            Objects.requireNonNull(tfcTimeout, "tfcTimeout");
            Objects.requireNonNull(github, "github");
        }

        /** With the design's five-second budget per delivery, and GitHub's API at github.com. */
        public WebhookOptions(boolean tfcEnabled, Optional<byte[]> secretsKey) {
            this(tfcEnabled, secretsKey, SynchronizationConfig.TfcWebhook.DEFAULT_TIMEOUT);
        }

        public WebhookOptions(boolean tfcEnabled, Optional<byte[]> secretsKey, Duration tfcTimeout) {
            this(tfcEnabled, secretsKey, tfcTimeout, true, GithubConfig.defaults());
        }

        public static WebhookOptions none() {
            return new WebhookOptions(true, Optional.empty());
        }
    }

    private final Database database;
    private final EntityRepository entities;
    private final SyncService sync;
    private final EventStream events;
    private final EventRelay relay;
    private final ScheduledExecutorService housekeeping;
    private final HttpServer http;
    private final Duration shutdownGrace;

    private Application(
            Database database,
            EntityRepository entities,
            SyncService sync,
            EventStream events,
            EventRelay relay,
            ScheduledExecutorService housekeeping,
            HttpServer http,
            Duration grace) {
        this.database = database;
        this.entities = entities;
        this.sync = sync;
        this.events = events;
        this.relay = relay;
        this.housekeeping = housekeeping;
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
        EventRelay relay = null;
        ScheduledExecutorService housekeeping = null;
        try {
            EventSignal signal = new EventSignal();
            EventMetrics eventMetrics = new EventMetrics(metrics, signal);
            Store store = new Store(database, clock, (tenant, lastOffset, count) -> {
                signal.advance(tenant, lastOffset);
                eventMetrics.appended(count);
            });
            EventStream events = new EventStream(store.eventLog(), signal, eventMetrics, Clock.systemUTC());
            relay = EventRelay.start(database, signal, options.events().checkEvery());
            EventRetention retention =
                    new EventRetention(store.eventLog(), options.events().retention(), eventMetrics, Clock.systemUTC());
            housekeeping = housekeeping(retention, options.events().retentionEvery());
            forgetOldDeliveries(housekeeping, store.webhookRepository(), clock);
            EntityRepository entities = store.entityRepository();
            SyncOptions syncOptions = options.sync();
            List<RepositorySource> repositories = RepositorySources.from(
                    syncOptions.workspaces(),
                    new GithubClient(options.webhooks().github()));
            sync = new SyncService(
                    store.syncRepository(),
                    syncOptions.workspaces(),
                    List.copyOf(repositories),
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
                            events,
                            options.events().heartbeat(),
                            tfcWebhooks(options, store, sync, metrics),
                            options.webhooks().tfcTimeout(),
                            database::isReady,
                            metrics,
                            new StatusPage.Facts(
                                    version(),
                                    database.dialect().name() + " at " + database.redactedUrl(),
                                    Instant.now()),
                            githubWebhooks(options, store, sync, repositories, metrics)));
            return new Application(
                    database, entities, sync, events, relay, housekeeping, http, options.shutdownGrace());
        } catch (RuntimeException e) {
            if (sync != null) {
                sync.close(Duration.ZERO);
            }
            if (housekeeping != null) {
                housekeeping.shutdownNow();
            }
            if (relay != null) {
                relay.close();
            }
            database.close();
            throw e;
        }
    }

    private static Optional<TfcWebhooks> tfcWebhooks(
            Options options, Store store, SyncService sync, PrometheusMeterRegistry metrics) {
        if (!options.webhooks().tfcEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new TfcWebhooks(
                store.webhookRepository(),
                options.webhooks().secretsKey().map(SecretBox::new),
                id -> sync.workspace(id),
                sync::startQueued,
                HttpServer.objectMapper(),
                metrics));
    }

    private static Optional<GithubWebhooks> githubWebhooks(
            Options options,
            Store store,
            SyncService sync,
            List<RepositorySource> repositories,
            PrometheusMeterRegistry metrics) {
        if (!options.webhooks().githubEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new GithubWebhooks(
                store.webhookRepository(),
                options.webhooks().secretsKey().map(SecretBox::new),
                options.webhooks().github().webhookSecret(),
                repositories,
                sync::startQueued,
                HttpServer.objectMapper(),
                metrics));
    }

    /** Runs retention now and then; a failed pass is logged and the next one tries again. */
    /** How long a webhook delivery's key is kept: longer than any sender retries or redelivers. */
    static final Duration DELIVERY_MEMORY = Duration.ofDays(7);

    /** Forgets webhook deliveries older than {@link #DELIVERY_MEMORY}, hourly. */
    private static void forgetOldDeliveries(
            ScheduledExecutorService executor, WebhookRepository deliveries, InstantSource clock) {
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        int forgotten = deliveries.forgetDeliveriesBefore(
                                clock.instant().minus(DELIVERY_MEMORY));
                        if (forgotten > 0) {
                            log.info(
                                    "Forgot {} webhook deliveries older than {} days",
                                    forgotten,
                                    DELIVERY_MEMORY.toDays());
                        }
                    } catch (RuntimeException e) {
                        log.warn(
                                "Forgetting old webhook deliveries failed and will run again in an hour: {}",
                                e.getMessage());
                    }
                },
                1,
                60,
                TimeUnit.MINUTES);
    }

    private static ScheduledExecutorService housekeeping(EventRetention retention, Duration every) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tfsync-event-retention").factory());
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        retention.run();
                    } catch (RuntimeException e) {
                        log.warn("Event retention failed and will run again in {}: {}", every, e.getMessage());
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return executor;
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

    public EventStream events() {
        return events;
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
            events.signal().close();
            http.close();
            sync.close(shutdownGrace);
            housekeeping.shutdownNow();
            relay.close();
        } finally {
            database.close();
        }
        log.info("tfsync stopped");
    }
}
