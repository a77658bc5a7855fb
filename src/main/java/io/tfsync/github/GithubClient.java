package io.tfsync.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.config.GithubConfig;
import io.tfsync.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * GitHub's REST API, the few calls tfsync makes: a repository, a file at a commit, and the repository's
 * webhooks. Not retried here: a repository's sync is retried by the sync queue, and a setup command is
 * run again by its user. No message this class makes holds the token.
 */
public final class GithubClient {

    /** A call that failed: a sentence and a kind ({@code io} may pass; the others will not). */
    public static final class GithubException extends Exception {
        private final String kind;

        GithubException(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_VERSION = "2022-11-28";

    private final URI apiUrl;
    private final Optional<Secret> token;
    private final HttpClient http;
    private final Duration timeout;

    public GithubClient(GithubConfig config) {
        this(config.apiUrl(), config.token(), Duration.ofSeconds(30));
    }

    GithubClient(URI apiUrl, Optional<Secret> token, Duration timeout) {
        String base = apiUrl.toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** {@code GET /repos/{owner}/{repo}}. */
    public RepositoryInfo repository(String fullName) throws GithubException, InterruptedException {
        JsonNode body = json(send(get(repoPath(fullName), "application/vnd.github+json"), "repository " + fullName));
        try {
            return RepositoryInfo.from(body);
        } catch (IllegalArgumentException e) {
            throw new GithubException(
                    "unexpected", "GitHub's answer for repository " + fullName + " is odd: " + e.getMessage());
        }
    }

    /** {@code GET /repos/{owner}/{repo}/contents/{path}?ref=}, the raw bytes; empty when there is no such file. */
    public Optional<byte[]> file(String fullName, String path, String ref)
            throws GithubException, InterruptedException {
        String what = path + " of " + fullName + " at " + ref;
        HttpResponse<byte[]> response = exchange(
                get(
                        repoPath(fullName) + "/contents/" + path + "?ref="
                                + URLEncoder.encode(ref, StandardCharsets.UTF_8),
                        "application/vnd.github.raw+json"),
                what);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(checked(response, what));
    }

    /** {@code GET /repos/{owner}/{repo}/hooks}: the repository's webhooks (first 100). */
    public JsonNode hooks(String fullName) throws GithubException, InterruptedException {
        return json(send(
                get(repoPath(fullName) + "/hooks?per_page=100", "application/vnd.github+json"),
                "the webhooks of " + fullName));
    }

    /** {@code POST /repos/{owner}/{repo}/hooks} or, with a hook id, {@code PATCH .../hooks/{id}}. */
    public JsonNode writeHook(String fullName, Optional<Long> hookId, JsonNode body)
            throws GithubException, InterruptedException {
        String path = repoPath(fullName) + "/hooks" + hookId.map(id -> "/" + id).orElse("");
        HttpRequest request = request(path, "application/vnd.github+json")
                .method(hookId.isPresent() ? "PATCH" : "POST", HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json")
                .build();
        return json(send(request, "the webhook of " + fullName));
    }

    private static String repoPath(String fullName) {
        int slash = fullName.indexOf('/');
        return "repos/" + URLEncoder.encode(fullName.substring(0, slash), StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(fullName.substring(slash + 1), StandardCharsets.UTF_8);
    }

    private HttpRequest get(String path, String accept) {
        return request(path, accept).GET().build();
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(apiUrl.resolve(path))
                .timeout(timeout)
                .header("Accept", accept)
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "tfsync");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t.value()));
        return builder;
    }

    private byte[] send(HttpRequest request, String what) throws GithubException, InterruptedException {
        return checked(exchange(request, what), what);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, String what)
            throws GithubException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new GithubException(
                    "io", "GitHub did not answer for " + what + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new GithubException("io", "GitHub at " + apiUrl.getHost() + " could not be reached for " + what);
        }
    }

    private static byte[] checked(HttpResponse<byte[]> response, String what) throws GithubException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        String said = message(response.body()).map(m -> ": " + m).orElse("");
        boolean rateLimited = status == 429
                || (status == 403
                        && response.headers()
                                .firstValue("x-ratelimit-remaining")
                                .map("0"::equals)
                                .orElse(false));
        if (rateLimited) {
            throw new GithubException("io", "GitHub's rate limit stopped the request for " + what + said);
        }
        if (status >= 500) {
            throw new GithubException("io", "GitHub answered " + status + " for " + what + said);
        }
        if (status == 401 || status == 403) {
            throw new GithubException(
                    "refused",
                    "GitHub refused the request for " + what + " (" + status
                            + "; check github.token and its permissions)" + said);
        }
        if (status == 404) {
            throw new GithubException(
                    "not_found",
                    "GitHub found no " + what + " (404: it does not exist, or github.token may not see it)");
        }
        throw new GithubException("unexpected", "GitHub answered " + status + " for " + what + said);
    }

    private static Optional<String> message(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            String message = node.path("message").asText("");
            JsonNode errors = node.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                message += " ("
                        + errors.get(0)
                                .path("message")
                                .asText(errors.get(0).path("code").asText("")) + ")";
            }
            return message.isBlank() ? Optional.empty() : Optional.of(message);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JsonNode json(byte[] body) throws GithubException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new GithubException("unexpected", "GitHub's answer is not JSON");
        }
    }
}
