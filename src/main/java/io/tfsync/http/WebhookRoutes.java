package io.tfsync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.tfsync.github.GithubEvent;
import io.tfsync.github.GithubWebhooks;
import io.tfsync.webhooks.TfcNotification;
import io.tfsync.webhooks.TfcWebhooks;
import io.tfsync.webhooks.WebhookRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Webhook receivers. They sit outside bearer-token auth: each delivery proves itself with its
 * signature, checked over the raw bytes before anything is parsed. A body over the limit is refused
 * with 413 before it is read whole; one that is not JSON with 415.
 */
final class WebhookRoutes {

    static final String TFC = SyncRoutes.BASE + "/tfc-webhook";
    static final String GITHUB = SyncRoutes.BASE + "/github-webhook";
    static final int MAX_BODY = 5 * 1024 * 1024;

    private final Optional<TfcWebhooks> tfc;
    private final Optional<GithubWebhooks> github;
    private final Duration tfcTimeout;
    private final ObjectMapper json;

    WebhookRoutes(Optional<TfcWebhooks> tfc, Optional<GithubWebhooks> github, Duration tfcTimeout, ObjectMapper json) {
        this.tfc = tfc;
        this.github = github;
        this.tfcTimeout = tfcTimeout;
        this.json = json;
    }

    /** Whether the path is a webhook receiver's, which authenticates by signature instead of a token. */
    static boolean isReceiver(String path) {
        return path.equals(TFC) || path.equals(GITHUB);
    }

    void register(JavalinConfig config) {
        config.routes.post(TFC, this::tfc);
        config.routes.post(GITHUB, this::github);
        config.routes.exception(
                WebhookRejectedException.class,
                (e, ctx) -> ErrorResponses.write(
                        ctx,
                        e.status(),
                        e.status() == 401 ? "AuthenticationError" : "NotAllowedError",
                        e.getMessage()));
        config.routes.exception(
                TfcNotification.InvalidPayloadException.class,
                (e, ctx) -> ErrorResponses.write(
                        ctx, 400, "InputError", "Not a Terraform Cloud notification: " + e.getMessage()));
        config.routes.exception(
                GithubEvent.InvalidPayloadException.class,
                (e, ctx) -> ErrorResponses.write(ctx, 400, "InputError", "Not a GitHub delivery: " + e.getMessage()));
    }

    private void github(Context ctx) {
        GithubWebhooks receiver = github.orElseThrow(() ->
                ApiException.notFound("The GitHub receiver is off (synchronization.webhooks.github.enabled is false)"));
        byte[] body = body(ctx);
        GithubWebhooks.Outcome outcome = withinBudget(() -> receiver.receive(
                ctx.header("X-GitHub-Event"),
                ctx.header("X-GitHub-Delivery"),
                body,
                ctx.header("X-Hub-Signature-256")));
        ObjectNode answer = json.createObjectNode()
                .put("event", outcome.event())
                .put("outcome", outcome.outcome())
                .put("duplicate", outcome.duplicate());
        outcome.repository().ifPresent(r -> answer.put("repository", r));
        outcome.syncId().ifPresent(id -> answer.put("syncId", id));
        outcome.detail().ifPresent(d -> answer.put("detail", d));
        // GitHub shows the status in its delivery log: 202 when work was queued, 200 otherwise.
        ctx.status(outcome.outcome().equals("sync_queued") ? 202 : 200);
        ctx.json(answer);
    }

    private void tfc(Context ctx) {
        TfcWebhooks receiver = tfc.orElseThrow(() -> ApiException.notFound(
                "The Terraform Cloud receiver is off (synchronization.webhooks.tfc.enabled is false)"));
        byte[] body = body(ctx);
        String signature = ctx.header("X-TFE-Notification-Signature");
        TfcWebhooks.Outcome outcome = withinBudget(() -> receiver.receive(body, signature));
        ObjectNode answer = json.createObjectNode();
        switch (outcome) {
            case TfcWebhooks.Verified verified -> {
                answer.put("workspace", verified.workspace()).put("verified", true);
                ctx.status(200);
            }
            case TfcWebhooks.Accepted accepted -> {
                answer.put("workspace", accepted.workspace());
                ArrayNode results = answer.putArray("notifications");
                for (TfcWebhooks.Result result : accepted.results()) {
                    ObjectNode item = results.addObject()
                            .put("trigger", result.trigger())
                            .put("outcome", result.outcome())
                            .put("duplicate", result.duplicate());
                    result.syncId().ifPresent(id -> item.put("syncId", id));
                }
                ctx.status(202);
            }
        }
        ctx.json(answer);
    }

    /**
     * Runs the delivery's work within {@code synchronization.webhooks.tfc.timeout}: past it, the sender
     * is told 503 to send again. Whatever the late work then commits is stored under the delivery's key,
     * so the repeat is recognised and does nothing twice.
     */
    private <T> T withinBudget(java.util.concurrent.Callable<T> work) {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        Thread.ofVirtual().name("tfsync-webhook").start(task);
        try {
            return task.get(tfcTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ApiException(
                    503,
                    "ServiceUnavailableError",
                    "The delivery could not be stored within " + tfcTimeout.toMillis()
                            + " ms (synchronization.webhooks.tfc.timeout); send it again");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "ServiceUnavailableError", "The service is stopping; send the delivery again");
        }
    }

    /** The raw body, refused before it is read whole when it is too large or not JSON. */
    private static byte[] body(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    415, "UnsupportedMediaTypeError", "Send the delivery as application/json, got " + type);
        }
        long declared = ctx.contentLength();
        if (declared > MAX_BODY) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("The delivery's body could not be read: " + e.getMessage());
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "PayloadTooLargeError", "A delivery may be at most " + MAX_BODY + " bytes");
    }
}
