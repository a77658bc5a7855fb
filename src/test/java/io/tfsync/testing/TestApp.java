package io.tfsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.Application;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.http.ApiToken;
import io.tfsync.sources.FileStateSource;
import io.tfsync.store.DatabaseSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/** The whole service started on a free loopback port, with a small HTTP client for tests. */
public final class TestApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Application app;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestApp(Application app) {
        this.app = app;
    }

    public static TestApp start(DatabaseSettings database, List<ApiToken> tokens) {
        return start(database, tokens, Application.SyncOptions.none());
    }

    /** With workspaces to sync; see {@link #fileWorkspaces} for the common case. */
    public static TestApp start(DatabaseSettings database, List<ApiToken> tokens, Application.SyncOptions sync) {
        return start(database, tokens, sync, Application.EventOptions.defaults());
    }

    /** With event stream settings of the test's own (retention, heartbeat, how often the log's end is read). */
    public static TestApp start(
            DatabaseSettings database,
            List<ApiToken> tokens,
            Application.SyncOptions sync,
            Application.EventOptions events) {
        return start(database, tokens, sync, events, Application.WebhookOptions.none());
    }

    /** With webhook receivers of the test's own (secrets key). */
    public static TestApp start(
            DatabaseSettings database,
            List<ApiToken> tokens,
            Application.SyncOptions sync,
            Application.EventOptions events,
            Application.WebhookOptions webhooks) {
        return new TestApp(Application.start(
                new Application.Options(
                        database, "127.0.0.1", 0, tokens, Duration.ofSeconds(5), sync, events, webhooks),
                InstantSource.system()));
    }

    /**
     * Sync options for workspaces that read state files, with the default mapping, a short lock
     * lease and a fast poller, as tests want.
     */
    public static Application.SyncOptions fileWorkspaces(List<WorkspaceConfig> workspaces) {
        return new Application.SyncOptions(
                workspaces,
                null,
                new FileStateSource(),
                SynchronizationConfig.defaults().scheduled(),
                Duration.ofSeconds(5),
                Duration.ofMillis(200));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public EntityRepository entities() {
        return app.entities();
    }

    public Application application() {
        return app;
    }

    /** GET with optional header name/value pairs. */
    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (status " + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
