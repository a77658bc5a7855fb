package io.tfsync.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Terraform Cloud / Enterprise over HTTP: JSON:API reads and the state download, with the bearer token,
 * retries and the host checks. Rate limits (429) wait as {@code Retry-After} or {@code
 * X-RateLimit-Reset} say; server errors (5xx), timeouts and broken connections are retried with the
 * configured backoff and jitter; everything else fails at once. Redirects are followed by hand, and
 * only to the configured host or its archivist host, so a state URL can never send the token anywhere
 * else. No message this class makes holds the token or a signed URL.
 */
final class TfcClient {

    /** How long to wait; tests shorten them. */
    record Timing(Duration connect, Duration request, Duration maxRateLimitWait) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(2));
    }

    /** One failed attempt worth another try, after {@code wait} when the server said how long. */
    static final class Retryable extends Exception {
        final String kind;
        final Optional<Duration> wait;

        Retryable(String kind, String message, Optional<Duration> wait) {
            super(message, null, false, false);
            this.kind = kind;
            this.wait = wait;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;

    private final URI baseUrl;
    private final String token;
    private final Set<String> allowedHosts;
    private final HttpClient http;
    private final RetryPolicy<Object> retries;
    private final Timing timing;

    TfcClient(URI baseUrl, String token, SynchronizationConfig.Retry retry, Timing timing) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.timing = timing;
        String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
        int dot = host.indexOf('.');
        // Terraform Cloud serves state from archivist.terraform.io; Enterprise from its own host.
        this.allowedHosts = dot > 0 ? Set.of(host, "archivist" + host.substring(dot)) : Set.of(host);
        this.http = HttpClient.newBuilder()
                .connectTimeout(timing.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.retries = RetryPolicy.builder()
                .handle(Retryable.class)
                .withMaxAttempts(retry.maxAttempts())
                .withDelayFn(ctx -> {
                    Throwable last = ctx.getLastException();
                    if (last instanceof Retryable r && r.wait.isPresent()) {
                        return r.wait.get();
                    }
                    Duration backoff = retry.delayAfter(ctx.getAttemptCount());
                    long jitter = (long) (backoff.toMillis()
                            * 0.25
                            * ThreadLocalRandom.current().nextDouble(-1, 1));
                    return backoff.plusMillis(jitter);
                })
                .build();
    }

    /** The {@code ws-} id of a workspace given by name (within its organization) or by id. */
    String workspaceId(SourceConfig.Tfc tfc, String what) throws StateSourceException, InterruptedException {
        if (tfc.workspace().startsWith("ws-")) {
            return tfc.workspace();
        }
        JsonNode found = get(
                        "/organizations/" + encode(tfc.organization()) + "/workspaces/" + encode(tfc.workspace()), what)
                .orElseThrow(() -> new StateSourceException(
                        "not_found",
                        "Terraform Cloud has no workspace '" + tfc.workspace() + "' in organization '"
                                + tfc.organization() + "' that the configured token may see (" + what + ")"));
        String id = found.at("/data/id").asText("");
        if (id.isEmpty()) {
            throw new StateSourceException("unexpected", "Terraform Cloud described " + what + " without an id");
        }
        return id;
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** The JSON:API document at {@code path} (under {@code /api/v2}); empty on 404. */
    Optional<JsonNode> get(String path, String what) throws StateSourceException, InterruptedException {
        URI uri = baseUrl.resolve("/api/v2" + path);
        return withRetries(what, () -> {
            HttpResponse<InputStream> response = send(request(uri).header("Accept", "application/vnd.api+json"), what);
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 404) {
                    return Optional.<JsonNode>empty();
                }
                failUnlessOk(status, response, what);
                return Optional.of(JSON.readTree(body));
            } catch (IOException e) {
                throw new Retryable("io", "reading " + what + " from Terraform Cloud failed", Optional.empty());
            }
        });
    }

    /**
     * Sends a JSON:API document with {@code method} (POST, PATCH) to {@code path} (under {@code /api/v2})
     * and returns the answer. Not retried: a write that timed out may have happened. Terraform Cloud's
     * own words ({@code errors[].detail}) are in the message when it refuses.
     */
    JsonNode write(String method, String path, JsonNode document, String what)
            throws StateSourceException, InterruptedException {
        URI uri = baseUrl.resolve("/api/v2" + path);
        HttpRequest.Builder request = request(uri)
                .header("Content-Type", "application/vnd.api+json")
                .header("Accept", "application/vnd.api+json")
                .method(method, HttpRequest.BodyPublishers.ofString(document.toString()));
        HttpResponse<InputStream> response;
        try {
            response = send(request, what);
        } catch (Retryable e) {
            throw new StateSourceException(e.kind, e.getMessage());
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            JsonNode answer = JSON.readTree(body);
            if (status >= 200 && status < 300) {
                return answer;
            }
            StringBuilder details = new StringBuilder();
            for (JsonNode error : answer == null ? JSON.createArrayNode() : answer.path("errors")) {
                String detail = error.path("detail").asText(error.path("title").asText(""));
                if (!detail.isBlank()) {
                    details.append(details.isEmpty() ? "" : "; ").append(detail);
                }
            }
            if (status == 401 || status == 403) {
                throw new StateSourceException(
                        "unauthorized",
                        "Terraform Cloud refused the configured token for " + what + " (HTTP " + status
                                + "); the token needs admin access to the workspace");
            }
            throw new StateSourceException(
                    "refused",
                    "Terraform Cloud refused " + what + " (HTTP " + status + ")"
                            + (details.isEmpty() ? "" : ": " + details));
        } catch (IOException e) {
            throw new StateSourceException("io", "reading Terraform Cloud's answer to " + what + " failed");
        }
    }

    /** The state at a download URL, as a stream; redirects are followed to allowed hosts only. */
    InputStream download(String url, String what) throws StateSourceException, InterruptedException {
        URI first = checkedHost(url, what);
        return withRetries(what, () -> {
            URI uri = first;
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpResponse<InputStream> response = send(request(uri), what);
                int status = response.statusCode();
                if (status >= 300
                        && status < 400
                        && response.headers().firstValue("Location").isPresent()) {
                    closeQuietly(response.body());
                    uri = checkedHost(
                            uri.resolve(response.headers()
                                            .firstValue("Location")
                                            .get())
                                    .toString(),
                            what);
                    continue;
                }
                if (status == 404) {
                    closeQuietly(response.body());
                    throw new StateSourceException(
                            "not_found", "Terraform Cloud has no stored state behind the download link of " + what);
                }
                if (status != 200) {
                    closeQuietly(response.body());
                }
                failUnlessOk(status, response, what);
                return response.body();
            }
            throw new StateSourceException(
                    "io", "the state download of " + what + " was redirected more than " + MAX_REDIRECTS + " times");
        });
    }

    private URI checkedHost(String url, String what) throws StateSourceException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new StateSourceException("io", "Terraform Cloud gave " + what + " a download link that is not a URL");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!baseUrl.getScheme().equalsIgnoreCase(uri.getScheme())
                || !allowedHosts.contains(host)
                || (uri.getPort() != baseUrl.getPort() && host.equals(baseUrl.getHost()))) {
            throw new StateSourceException(
                    "untrusted_host",
                    "the state of " + what + " is offered from host '" + host + "', which is not the configured "
                            + "Terraform Cloud host " + baseUrl.getHost() + "; it was not downloaded");
        }
        return uri;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timing.request()).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<InputStream> send(HttpRequest.Builder request, String what)
            throws Retryable, InterruptedException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new Retryable("timeout", "Terraform Cloud did not answer in time for " + what, Optional.empty());
        } catch (IOException e) {
            throw new Retryable(
                    "unavailable",
                    "Terraform Cloud could not be reached for " + what + " ("
                            + e.getClass().getSimpleName() + ")",
                    Optional.empty());
        }
    }

    private void failUnlessOk(int status, HttpResponse<?> response, String what)
            throws Retryable, StateSourceException {
        if (status == 200) {
            return;
        }
        if (status == 429) {
            throw new Retryable(
                    "rate_limited", "Terraform Cloud kept rate-limiting requests for " + what, rateLimitWait(response));
        }
        if (status >= 500) {
            throw new Retryable(
                    "unavailable", "Terraform Cloud answered HTTP " + status + " for " + what, Optional.empty());
        }
        if (status == 401 || status == 403) {
            throw new StateSourceException(
                    "unauthorized",
                    "Terraform Cloud refused the configured token for " + what + " (HTTP " + status
                            + "); check terraformCloud.token and the token's access to the workspace");
        }
        throw new StateSourceException("unexpected", "Terraform Cloud answered HTTP " + status + " for " + what);
    }

    /** {@code Retry-After} in seconds, else {@code X-RateLimit-Reset} (seconds, maybe fractional). */
    private Optional<Duration> rateLimitWait(HttpResponse<?> response) {
        Optional<Duration> wait = response.headers()
                .firstValue("Retry-After")
                .or(() -> response.headers().firstValue("X-RateLimit-Reset"))
                .flatMap(TfcClient::seconds);
        return wait.map(w -> w.compareTo(timing.maxRateLimitWait()) > 0 ? timing.maxRateLimitWait() : w);
    }

    /** Seconds (maybe fractional), or an HTTP date as {@code Retry-After} may also be written. */
    private static Optional<Duration> seconds(String text) {
        try {
            double seconds = Double.parseDouble(text.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws Retryable, StateSourceException, InterruptedException;
    }

    private <T> T withRetries(String what, Attempt<T> attempt) throws StateSourceException, InterruptedException {
        try {
            return Failsafe.with(retries).get(attempt::run);
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StateSourceException s) {
                throw s;
            }
            if (cause instanceof InterruptedException i) {
                throw i;
            }
            if (cause instanceof Retryable r) {
                throw new StateSourceException(
                        r.kind,
                        r.getMessage() + ", after " + retries.getConfig().getMaxAttempts() + " attempts");
            }
            throw new StateSourceException("unexpected", "reading " + what + " from Terraform Cloud failed");
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is dropped either way
        }
    }
}
