package io.tfsync.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Operations: liveness, readiness, Prometheus metrics, the OpenAPI document and the status page. */
final class OpsRoutes {

    static final String OPENAPI_RESOURCE = "/openapi.yaml";

    private final HttpServer.Services services;
    private final Authenticator authenticator;
    private final byte[] openApi;

    OpsRoutes(HttpServer.Services services, Authenticator authenticator) {
        this.services = services;
        this.authenticator = authenticator;
        this.openApi = readOpenApi();
    }

    void register(JavalinConfig config) {
        config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        config.routes.get("/readyz", this::readyz);
        config.routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(services.metrics().scrape()));
        config.routes.get(
                "/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
        config.routes.get("/", this::statusPage);
    }

    private void readyz(Context ctx) {
        boolean ready;
        try {
            ready = services.ready().getAsBoolean();
        } catch (RuntimeException e) {
            ready = false;
        }
        if (ready) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(Map.of("status", "unavailable", "reason", "the database is not reachable"));
        }
    }

    private void statusPage(Context ctx) {
        Caller caller;
        try {
            caller = authenticator.authenticate(ctx);
        } catch (ApiException e) {
            caller = null;
        }
        ctx.html(StatusPage.render(services.facts(), caller, services.entities(), services.sync(), services.events()));
    }

    private static byte[] readOpenApi() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
