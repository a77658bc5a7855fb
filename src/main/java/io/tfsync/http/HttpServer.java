package io.tfsync.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.events.EventStream;
import io.tfsync.github.GithubWebhooks;
import io.tfsync.sync.SyncService;
import io.tfsync.webhooks.TfcWebhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web room's front door: one Javalin server (Jetty 12, virtual threads) carrying the catalog API,
 * the operations endpoints and the status page. Handlers stay thin: they parse, call one domain
 * method and write the answer; failures become Backstage-shaped errors in {@link ErrorResponses}.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final String CALLER = "tfsync.caller";

    /** Where to listen and who may call. */
    public record Settings(String host, int port, List<ApiToken> tokens, Duration shutdownGrace) {
        public Settings {
            Objects.requireNonNull(host, "host");
            tokens = List.copyOf(tokens);
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        }
    }

    /** What the routes serve from. */
    public record Services(
            EntityRepository entities,
            SyncService sync,
            EventStream events,
            Duration heartbeat,
            Optional<TfcWebhooks> tfcWebhooks,
            Duration tfcWebhookTimeout,
            BooleanSupplier ready,
            PrometheusMeterRegistry metrics,
            StatusPage.Facts facts,
            Optional<GithubWebhooks> githubWebhooks) {
        public Services {
            Objects.requireNonNull(entities, "entities");
            Objects.requireNonNull(sync, "sync");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(tfcWebhooks, "tfcWebhooks");
            Objects.requireNonNull(tfcWebhookTimeout, "tfcWebhookTimeout");
            Objects.requireNonNull(ready, "ready");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(githubWebhooks, "githubWebhooks");
        }
    }

    /** Longer than the longest long poll ({@code wait} up to 60 s) and than an SSE heartbeat interval. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);

    /** The listen backlog (Linux caps it at net.core.somaxconn, 4096 by default). */
    static final int ACCEPT_QUEUE = 4096;

    private final Javalin app;
    private final List<String> routes;

    private HttpServer(Javalin app, List<String> routes) {
        this.app = app;
        this.routes = routes;
    }

    /** JSON as the API reads and writes it; request bodies may nest at most 64 levels deep. */
    public static ObjectMapper objectMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(64).build())
                .build();
        return new ObjectMapper(factory)
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    public static HttpServer start(Settings settings, Services services) {
        ObjectMapper json = objectMapper();
        Authenticator authenticator = new Authenticator(settings.tokens());
        HttpMetrics metrics = new HttpMetrics(services.metrics());
        List<String> routes = Collections.synchronizedList(new ArrayList<>());
        Javalin app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 5L * 1024 * 1024;
            config.jsonMapper(new JavalinJackson(json, true));
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.shutdownGrace().toMillis());
                // Javalin adds its connector just before the server starts; the listen backlog must be set
                // before the socket opens. Jetty's default of 50 drops SYNs when thousands of consumers
                // reconnect at once (a restart), and each dropped SYN stalls its client for a second.
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (Connector connector : server.getConnectors()) {
                            if (connector instanceof org.eclipse.jetty.server.ServerConnector open) {
                                open.setAcceptQueueSize(ACCEPT_QUEUE);
                            }
                        }
                    }
                });
            });
            config.events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) {
                    routes.add(meta.getHttpMethod().name().toUpperCase(Locale.ROOT) + " " + meta.getPath());
                }
            });
            config.requestLogger.http(metrics::record);
            config.routes.before("/api/*", ctx -> {
                if (!WebhookRoutes.isReceiver(ctx.path())) {
                    ctx.attribute(CALLER, authenticator.authenticate(ctx));
                }
            });
            ErrorResponses.register(config);
            new CatalogRoutes(services.entities(), json).register(config);
            new ExportRoutes(services.entities()).register(config);
            new SyncRoutes(services.sync(), json).register(config);
            new EventRoutes(services.events(), services.heartbeat(), json).register(config);
            new WebhookRoutes(services.tfcWebhooks(), services.githubWebhooks(), services.tfcWebhookTimeout(), json)
                    .register(config);
            new OpsRoutes(services, authenticator).register(config);
        });
        app.start(settings.host(), settings.port());
        // Jetty closes a connection idle for 30 s by default, shorter than the longest long poll.
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof AbstractConnector jetty) {
                jetty.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            }
        }
        log.info("tfsync is listening on http://{}:{}", settings.host(), app.port());
        return new HttpServer(app, routes);
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no caller resolved for " + ctx.path());
        }
        return caller;
    }

    public int port() {
        return app.port();
    }

    /** Every registered route as {@code METHOD /path}, as the router holds it. */
    public List<String> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    /** Stops taking requests and lets requests in flight finish, up to the shutdown grace. */
    @Override
    public void close() {
        app.stop();
    }
}
