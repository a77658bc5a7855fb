package io.tfsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.testing.SeedCatalog;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the service lets a request in flight finish: the client below reads a multi-megabyte
 * answer slowly, so the server is still writing it when shutdown begins.
 */
class GracefulShutdownTest {

    static final int RESOURCES = 3_000;

    @Test
    void a_request_in_flight_completes_while_the_service_stops() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            TestApp app = TestApp.start(db.settings(), List.of());
            SeedCatalog.load(app.entities(), "acme", RESOURCES);
            int port = app.application().port();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setReceiveBufferSize(32 * 1024);
                socket.getOutputStream()
                        .write(("GET /api/catalog/entities HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                byte[] chunk = new byte[16 * 1024];
                int n = in.read(chunk);
                received.write(chunk, 0, n);

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
                Thread.sleep(200);
                assertThat(stopping)
                        .as("shutdown waits for the request in flight")
                        .isNotDone();

                while ((n = in.read(chunk)) >= 0) {
                    received.write(chunk, 0, n);
                }
                stopping.get(20, TimeUnit.SECONDS);

                String response = received.toString(StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 200");
                JsonNode entities = new ObjectMapper().readTree(dechunk(response));
                assertThat(entities).hasSize(RESOURCES + 2);
            }
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
    }

    /** The body of an HTTP/1.1 response, whether sent whole or in chunks. */
    private static String dechunk(String response) throws IOException {
        int headerEnd = response.indexOf("\r\n\r\n");
        String headers = response.substring(0, headerEnd).toLowerCase();
        String body = response.substring(headerEnd + 4);
        if (!headers.contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            // sizes count bytes; the seed is ASCII, so characters and bytes agree
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
