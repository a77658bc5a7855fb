package io.tfsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.Application;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.StateSource;
import io.tfsync.store.Database;
import io.tfsync.store.DatabaseSettings;
import io.tfsync.store.Store;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.Signatures;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@code tfsync bench webhook}: from a Terraform Cloud delivery to the change on the event stream, as
 * a consumer of tfsync sees it. Each round publishes a new state version in which 10 of the
 * workspace's resources changed, sends the signed {@code run:completed} delivery Terraform Cloud would
 * send, and times until a consumer long-polling {@code /api/catalog/events} has the 10 updates: the
 * whole path (verify, store, queue, download from the stand-in, parse, map, diff, apply, notify).
 */
public final class WebhookBenchmark {

    /** How many rounds, and how many resources the workspace has (10 of them change each round). */
    public record Options(int rounds, int resources) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHANGED = 10;
    private static final String WORKSPACE = "bench";

    private WebhookBenchmark() {}

    public static void run(
            DatabaseSettings settings, Options options, Function<URI, StateSource> terraformCloud, PrintStream out)
            throws IOException, InterruptedException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String token = SecretBox.newToken();
        try (Database database = Database.open(settings)) {
            new Store(database, InstantSource.system())
                    .webhookRepository()
                    .storeToken("tfc", WORKSPACE, new SecretBox(key).seal(WORKSPACE, token));
        }
        WorkspaceConfig workspace = FakeTerraformCloud.workspace(WORKSPACE);
        HttpClient http = HttpClient.newHttpClient();
        try (FakeTerraformCloud tfc = new FakeTerraformCloud();
                Application app = Application.start(
                        new Application.Options(
                                settings,
                                "127.0.0.1",
                                0,
                                List.of(),
                                Duration.ofSeconds(5),
                                new Application.SyncOptions(
                                        List.of(workspace),
                                        null,
                                        terraformCloud.apply(tfc.baseUrl()),
                                        SynchronizationConfig.defaults().scheduled(),
                                        Application.SyncOptions.DEFAULT_LEASE,
                                        Application.SyncOptions.DEFAULT_POLL_INTERVAL),
                                Application.EventOptions.defaults(),
                                new Application.WebhookOptions(true, Optional.of(key))),
                        InstantSource.system())) {
            String base = "http://127.0.0.1:" + app.port();
            tfc.publish("sv-1", 1, state(options.resources(), 0));
            deliver(http, base, token, 0);
            awaitEvents(http, base, 0, options.resources());
            long offset = head(http, base);
            out.printf(
                    Locale.ROOT,
                    "webhook benchmark: %d rounds, %d of %d resources changed each, on %s%n",
                    options.rounds(),
                    CHANGED,
                    options.resources(),
                    app.databaseKind());
            long[] accepted = new long[options.rounds()];
            long[] visible = new long[options.rounds()];
            for (int round = 1; round <= options.rounds(); round++) {
                long after = offset;
                CompletableFuture<Long> consumer = CompletableFuture.supplyAsync(
                        () -> awaitEvents(http, base, after, CHANGED),
                        task -> Thread.ofVirtual().start(task));
                tfc.publish("sv-" + (round + 1), round + 1L, state(options.resources(), round));
                long start = System.nanoTime();
                deliver(http, base, token, round);
                long answered = System.nanoTime();
                offset = consumer.join();
                long seen = System.nanoTime();
                accepted[round - 1] = answered - start;
                visible[round - 1] = seen - start;
            }
            report(out, "delivery answered 202 (verified, stored, sync queued)", accepted);
            report(out, "delivery sent -> all 10 updates on a waiting consumer's long poll", visible);
        }
    }

    /** The state: {@code resources} buckets, of which the first 10 carry the round in a tag. */
    static byte[] state(int resources, int round) {
        ObjectNode state = JSON.createObjectNode()
                .put("version", 4)
                .put("terraform_version", "1.9.8")
                .put("serial", round + 1)
                .put("lineage", "0b7e2f9d-bench-4c1a-9d55-8c0f6a523f4e");
        state.putObject("outputs");
        ArrayNode list = state.putArray("resources");
        for (int i = 0; i < resources; i++) {
            ObjectNode resource = list.addObject()
                    .put("mode", "managed")
                    .put("type", "aws_s3_bucket")
                    .put("name", "b" + i)
                    .put("provider", "provider[\"registry.terraform.io/hashicorp/aws\"]");
            ObjectNode attributes = resource.putArray("instances")
                    .addObject()
                    .put("schema_version", 0)
                    .putObject("attributes")
                    .put("id", "bench-bucket-" + i)
                    .put("arn", "arn:aws:s3:::bench-bucket-" + i)
                    .put("region", "eu-west-1");
            attributes.putObject("tags").put("Round", i < CHANGED ? "r" + round : "r0");
        }
        return state.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the signed delivery Terraform Cloud would send for the round's applied run. */
    private static void deliver(HttpClient http, String base, String token, int round) {
        String body = """
                {"payload_version": 1, "notification_configuration_id": "nc-Bench000000001",
                 "run_id": "run-Bench%d", "workspace_id": "ws-BenchWorkspace1", "workspace_name": "%s",
                 "organization_name": "%s",
                 "notifications": [{"message": "Run Applied", "trigger": "run:completed", "run_status": "applied"}]}
                """.formatted(round, FakeTerraformCloud.WORKSPACE, FakeTerraformCloud.ORGANIZATION);
        HttpResponse<String> response = send(
                http,
                HttpRequest.newBuilder(URI.create(base + "/api/sync/tfc-webhook"))
                        .header("Content-Type", "application/json")
                        .header(
                                "X-TFE-Notification-Signature",
                                Signatures.hex(Signatures.TFC, token, body.getBytes(StandardCharsets.UTF_8)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(
                    "the delivery was answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Long-polls from {@code after} until {@code count} resource events have come; returns the offset reached. */
    private static long awaitEvents(HttpClient http, String base, long after, int count) {
        long offset = after;
        int seen = 0;
        while (seen < count) {
            JsonNode page = parse(send(
                    http,
                    HttpRequest.newBuilder(
                                    URI.create(base + "/api/catalog/events?kind=resource&wait=30&offset=" + offset))
                            .build()));
            seen += page.path("events").size();
            offset = page.path("lastEventOffset").asLong();
        }
        return offset;
    }

    private static long head(HttpClient http, String base) {
        return parse(send(
                        http,
                        HttpRequest.newBuilder(URI.create(base + "/api/catalog/entities/by-query?limit=0"))
                                .build()))
                .path("lastEventOffset")
                .asLong();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the benchmark's request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    private static void report(PrintStream out, String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        out.printf(
                Locale.ROOT,
                "  %-70s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                what,
                percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
