package io.tfsync.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.tfsync.catalog.InvalidEntityRefException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to Backstage's error shape, {@code {"error": {"name", "message"}, "request":
 * {"method", "url"}, "response": {"statusCode"}}}, in one place. A client's mistake is a 4xx that
 * says what was wrong; anything unexpected is a 500 whose body names no internals (the log has the
 * details).
 */
final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {}

    static void register(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.errorName(), e.getMessage()));
        config.routes.exception(
                InvalidEntityRefException.class, (e, ctx) -> write(ctx, 400, "InputError", e.getMessage()));
        config.routes.exception(
                HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), nameOf(e), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Request {} {} failed unexpectedly", ctx.method(), ctx.path(), e);
            write(ctx, 500, "Error", "Internal error; the server log has the details");
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(ctx, 404, "NotFoundError", "No route for " + ctx.method() + " " + ctx.path());
            }
        });
        config.routes.error(
                405,
                ctx -> write(
                        ctx, 405, "NotAllowedError", "Method " + ctx.method() + " is not allowed on " + ctx.path()));
    }

    private static String nameOf(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 400 -> "InputError";
            case 401 -> "AuthenticationError";
            case 403 -> "NotAllowedError";
            case 404 -> "NotFoundError";
            case 409 -> "ConflictError";
            case 413 -> "PayloadTooLargeError";
            case 415 -> "UnsupportedMediaTypeError";
            default -> "Error";
        };
    }

    static void write(Context ctx, int status, String name, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("name", name);
        error.put("message", message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("request", Map.of("method", ctx.method().name(), "url", requestUrl(ctx)));
        body.put("response", Map.of("statusCode", status));
        ctx.status(status).json(body);
    }

    private static String requestUrl(Context ctx) {
        String query = ctx.queryString();
        return query == null ? ctx.path() : ctx.path() + "?" + query;
    }
}
