package io.tfsync.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for Terraform Cloud's API on a loopback port, for benchmarks: one organization, one
 * workspace, and its current state version, whose state it serves from memory. It answers the three
 * calls a sync makes with JSON:API documents shaped as Terraform Cloud's documentation shows them.
 */
final class FakeTerraformCloud implements AutoCloseable {

    static final String ORGANIZATION = "bench";
    static final String WORKSPACE = "bench-workspace";
    private static final String WORKSPACE_ID = "ws-BenchWorkspace1";

    private record Version(String id, long serial, byte[] state) {}

    private final HttpServer server;
    private final AtomicReference<Version> current = new AtomicReference<>();
    private final AtomicLong downloads = new AtomicLong();

    FakeTerraformCloud() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/v2/organizations/" + ORGANIZATION + "/workspaces/" + WORKSPACE, this::workspace);
        server.createContext("/api/v2/workspaces/" + WORKSPACE_ID, this::workspaceById);
        server.createContext("/archivist/", this::download);
        server.start();
    }

    /** A tfsync workspace, tenant and business unit {@code bench}, that reads this stand-in's workspace. */
    static WorkspaceConfig workspace(String id) {
        return new WorkspaceConfig(
                id,
                "bench",
                "bench",
                "default",
                EntityRef.parse("group:default/bench"),
                Optional.empty(),
                new SourceConfig.Tfc(ORGANIZATION, WORKSPACE),
                Optional.empty(),
                Optional.empty());
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes {@code state} the workspace's current state, as a new state version. */
    void publish(String versionId, long serial, byte[] state) {
        current.set(new Version(versionId, serial, state));
    }

    long downloads() {
        return downloads.get();
    }

    private void workspace(HttpExchange exchange) throws IOException {
        json(exchange, 200, """
                {"data": {"id": "%s", "type": "workspaces",
                  "attributes": {"name": "%s", "resource-count": 0, "locked": false},
                  "relationships": {"organization": {"data": {"id": "%s", "type": "organizations"}}},
                  "links": {"self": "/api/v2/organizations/%s/workspaces/%s"}}}
                """.formatted(WORKSPACE_ID, WORKSPACE, ORGANIZATION, ORGANIZATION, WORKSPACE));
    }

    private void workspaceById(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/current-state-version")) {
            Version version = current.get();
            json(exchange, 200, """
                    {"data": {"id": "%s", "type": "state-versions",
                      "attributes": {"created-at": "2026-11-23T00:00:00.000Z", "serial": %d, "size": %d,
                        "status": "finalized", "resources-processed": true, "state-version": 4,
                        "hosted-state-download-url": "%s/archivist/v1/object/%s"},
                      "relationships": {"run": {"data": {"id": "run-Bench%d", "type": "runs"}}},
                      "links": {"self": "/api/v2/state-versions/%s"}}}
                    """.formatted(
                            version.id(),
                            version.serial(),
                            version.state().length,
                            baseUrl(),
                            version.id(),
                            version.serial(),
                            version.id()));
        } else {
            workspace(exchange);
        }
    }

    private void download(HttpExchange exchange) throws IOException {
        downloads.incrementAndGet();
        byte[] state = current.get().state();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, state.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(state);
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.api+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
