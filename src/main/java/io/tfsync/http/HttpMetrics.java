package io.tfsync.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds} per method, route template and status: the route template,
 * never the raw path, so ids in paths do not explode the number of series.
 */
final class HttpMetrics {

    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoint();
        String route = endpoint == null || endpoint.path.isEmpty() ? "unmatched" : endpoint.path;
        Timer.builder("http.server.requests")
                .description("HTTP requests served, by route template")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }
}
