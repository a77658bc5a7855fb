package io.tfsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.Application;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.FileStateSource;
import io.tfsync.sources.StateSource;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/sync/tfc-webhook} with payloads shaped as Terraform Cloud's notification
 * documentation shows them, signed as Terraform Cloud signs them (HMAC-SHA512 of the raw body, keyed
 * by the configuration's token, lower-case hex in {@code X-TFE-Notification-Signature}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TfcWebhookTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int WORKSPACES = 10;

    @TempDir
    static Path folder;

    private final byte[] key = new byte[32];
    private final List<String> tokens = new ArrayList<>();
    private TestDatabase database;
    private TestApp app;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile long fetchDelay = 0;

    private static String id(int i) {
        return "ws" + i;
    }

    @BeforeAll
    void open() {
        new SecureRandom().nextBytes(key);
        database = TestDatabases.sqlite();
    }

    @AfterAll
    void close() {
        database.close();
    }

    @BeforeEach
    void start() {
        database.clear();
        fetchDelay = 0;
        List<WorkspaceConfig> workspaces = new ArrayList<>();
        SecretBox box = new SecretBox(key);
        WebhookRepository store = database.store(InstantSource.system()).webhookRepository();
        tokens.clear();
        for (int i = 0; i < WORKSPACES; i++) {
            workspaces.add(new WorkspaceConfig(
                    id(i),
                    "acme",
                    "payments",
                    "default",
                    EntityRef.parse("group:default/team"),
                    Optional.empty(),
                    new SourceConfig.Tfc("acme-org", "tfc-" + id(i)),
                    Optional.empty(),
                    Optional.empty()));
            TestStates.state().bucket("bucket-" + i, "team").write(folder.resolve(id(i) + ".tfstate"));
            String token = SecretBox.newToken();
            tokens.add(token);
            store.storeToken("tfc", id(i), box.seal(id(i), token));
        }
        // Terraform Cloud's state API is another test's business: here each workspace's state is a file,
        // read as slowly as a download from Terraform Cloud (a few hundred milliseconds).
        FileStateSource files = new FileStateSource();
        StateSource source = (workspace, last) -> {
            try {
                Thread.sleep(fetchDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return files.fetch(
                    new WorkspaceConfig(
                            workspace.id(),
                            workspace.tenant(),
                            workspace.businessUnit(),
                            workspace.namespace(),
                            workspace.owner(),
                            workspace.system(),
                            new SourceConfig.File(folder.resolve(workspace.id() + ".tfstate")),
                            workspace.schedule(),
                            workspace.repository()),
                    last);
        };
        syncOptions = new Application.SyncOptions(
                workspaces,
                null,
                source,
                SynchronizationConfig.defaults().scheduled(),
                Duration.ofSeconds(5),
                Duration.ofMillis(200));
        app = startApp(SynchronizationConfig.TfcWebhook.DEFAULT_TIMEOUT);
    }

    private Application.SyncOptions syncOptions;

    private TestApp startApp(Duration deliveryBudget) {
        return TestApp.start(
                database.settings(),
                List.of(),
                syncOptions,
                Application.EventOptions.defaults(),
                new Application.WebhookOptions(true, Optional.of(key), deliveryBudget));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> deliver(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/sync/tfc-webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-TFE-Notification-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String sign(int workspace, String body) {
        return Signatures.hex(Signatures.TFC, tokens.get(workspace), body.getBytes(StandardCharsets.UTF_8));
    }

    private long stored() {
        return database.queryLong("SELECT COUNT(*) FROM webhook_deliveries")
                + database.queryLong("SELECT COUNT(*) FROM sync_runs");
    }

    private JsonNode syncOf(String syncId) {
        return await().atMost(WAIT)
                .until(
                        () -> TestApp.json(app.get("/api/sync/history/" + syncId)),
                        body -> body.path("status").asText().matches("succeeded|failed"));
    }

    @Test
    void the_verification_delivery_is_answered_200_and_queues_nothing() {
        String body = TfcPayloads.verification();
        HttpResponse<String> response = deliver(body, sign(0, body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestApp.json(response).path("verified").asBoolean()).isTrue();
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs")).isZero();
    }

    @Test
    void an_applied_run_queues_a_sync_of_its_workspace_that_records_the_run() {
        String body = TfcPayloads.run("tfc-ws3", "run-FwnENkvDnrpyFC7M", "run:completed", "applied");
        HttpResponse<String> response = deliver(body, sign(3, body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = TestApp.json(response);
        assertThat(answer.path("workspace").asText()).isEqualTo("ws3");
        String syncId = answer.path("notifications").get(0).path("syncId").asText();
        JsonNode sync = syncOf(syncId);
        assertThat(sync.path("status").asText()).isEqualTo("succeeded");
        assertThat(sync.path("trigger").asText()).isEqualTo("webhook");
        assertThat(sync.path("runId").asText()).isEqualTo("run-FwnENkvDnrpyFC7M");
        assertThat(sync.path("workspace").asText()).isEqualTo("ws3");
        assertThat(sync.path("added").asInt()).isEqualTo(1);
        assertThat(TestApp.json(app.get("/api/catalog/entities?filter=metadata.annotations.terraform.io/workspace=ws3"))
                        .size())
                .isEqualTo(1);
    }

    @Test
    void the_same_delivery_three_times_runs_one_sync() {
        String body = TfcPayloads.run("tfc-ws1", "run-Repeat000000001", "run:completed", "applied");
        List<HttpResponse<String>> responses = IntStream.range(0, 3)
                .mapToObj(i -> deliver(body, sign(1, body)))
                .toList();

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        assertThat(responses.stream()
                        .map(r -> TestApp.json(r)
                                .path("notifications")
                                .get(0)
                                .path("syncId")
                                .asText())
                        .distinct())
                .hasSize(1);
        assertThat(TestApp.json(responses.get(2))
                        .path("notifications")
                        .get(0)
                        .path("duplicate")
                        .asBoolean())
                .isTrue();
        syncOf(TestApp.json(responses.get(0))
                .path("notifications")
                .get(0)
                .path("syncId")
                .asText());
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE workspace = 'ws1'"))
                .isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM webhook_deliveries"))
                .isEqualTo(1);
    }

    @Test
    void a_bad_signature_is_401_and_stores_nothing() throws Exception {
        String body = TfcPayloads.run("tfc-ws0", "run-BadSignature0001", "run:completed", "applied");
        String good = sign(0, body);
        String reserialized = sign(
                0,
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).toString());
        List<String> bad = List.of(
                "",
                good.substring(0, good.length() - 1), // truncated
                good + "00", // longer
                good.substring(0, 64), // the length of a SHA-256 signature
                good.replace(good.charAt(0), good.charAt(0) == 'a' ? 'b' : 'a'),
                reserialized, // over re-serialized JSON, not the bytes sent
                Signatures.hex(Signatures.GITHUB, tokens.get(0), body.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> missing = deliver(body, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(missing).path("error").path("message").asText())
                .contains("X-TFE-Notification-Signature");
        for (String signature : bad) {
            HttpResponse<String> response = deliver(body, signature);
            assertThat(response.statusCode()).as(signature).isEqualTo(401);
            assertThat(response.body()).doesNotContain(tokens.get(0), good);
        }
        assertThat(stored()).isZero();
        assertThat(deliver(body, good.toUpperCase(java.util.Locale.ROOT)).statusCode())
                .isEqualTo(202);
    }

    @Test
    void a_signed_delivery_about_another_workspace_is_403_and_stores_nothing() {
        String body = TfcPayloads.run("tfc-ws2", "run-OtherWorkspace01", "run:completed", "applied");

        HttpResponse<String> response = deliver(body, sign(5, body));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(response).path("error").path("message").asText())
                .contains("tfc-ws2", "ws5");
        assertThat(stored()).isZero();
    }

    @Test
    void malformed_oversized_or_non_json_deliveries_are_clear_4xx() throws Exception {
        String notJson = "{\"payload_version\": 1, \"notifications\": [";
        HttpResponse<String> broken = deliver(notJson, sign(0, notJson));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(broken).path("error").path("message").asText()).contains("not JSON");

        String noTrigger = "{\"payload_version\": 1, \"notifications\": [{\"run_status\": \"applied\"}]}";
        HttpResponse<String> missing = deliver(noTrigger, sign(0, noTrigger));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(missing).path("error").path("message").asText()).contains("notifications[0].trigger");

        HttpResponse<String> text = http.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/sync/tfc-webhook"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);

        byte[] huge = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> tooLarge = http.send(
                HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/sync/tfc-webhook"))
                        .expectContinue(true) // refused on its Content-Length, before the body is sent
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(huge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(stored()).isZero();
    }

    @Test
    void a_delivery_that_cannot_be_stored_in_its_time_budget_is_503_and_its_repeat_is_not_run_twice() throws Exception {
        app.close();
        app = startApp(Duration.ofMillis(300));
        String body = TfcPayloads.run("tfc-ws6", "run-SlowDatabase001", "run:completed", "applied");
        HttpResponse<String> late;
        // Another process holds SQLite's write lock: the delivery's transaction waits behind it.
        try (java.sql.Connection other =
                        java.sql.DriverManager.getConnection(database.settings().url());
                java.sql.Statement statement = other.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            late = deliver(body, sign(6, body));
            statement.execute("ROLLBACK");
        }
        assertThat(late.statusCode()).isEqualTo(503);
        assertThat(TestApp.json(late).path("error").path("message").asText())
                .contains("within 300 ms", "send it again");

        await().atMost(WAIT).until(() -> database.queryLong("SELECT COUNT(*) FROM webhook_deliveries") == 1);
        HttpResponse<String> again = deliver(body, sign(6, body));
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(TestApp.json(again)
                        .path("notifications")
                        .get(0)
                        .path("duplicate")
                        .asBoolean())
                .isTrue();
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE workspace = 'ws6'"))
                .isEqualTo(1);
    }

    @Test
    void an_errored_run_is_recorded_and_counted_without_a_sync() {
        String errored = TfcPayloads.run("tfc-ws4", "run-Errored00000001", "run:errored", "errored");

        HttpResponse<String> response = deliver(errored, sign(4, errored));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TestApp.json(response)
                        .path("notifications")
                        .get(0)
                        .path("outcome")
                        .asText())
                .isEqualTo("recorded");
        assertThat(database.queryRows("SELECT event, outcome, detail FROM webhook_deliveries"))
                .containsExactly(List.of("run:errored", "recorded", "run status errored"));
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs")).isZero();
        assertThat(app.get("/metrics").body())
                .contains(
                        "tfsync_webhook_deliveries_total{outcome=\"recorded\",source=\"tfc\",trigger=\"run:errored\"} 1.0");
    }

    @Test
    void a_drifted_assessment_marks_the_workspaces_entities_and_queues_a_drift_check_until_an_apply_clears_it() {
        String applied = TfcPayloads.run("tfc-ws4", "run-First0000000001", "run:completed", "applied");
        syncOf(TestApp.json(deliver(applied, sign(4, applied)))
                .path("notifications")
                .get(0)
                .path("syncId")
                .asText());

        String drift = TfcPayloads.drifted("tfc-ws4");
        HttpResponse<String> response = deliver(drift, sign(4, drift));
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode notification = TestApp.json(response).path("notifications").get(0);
        assertThat(notification.path("outcome").asText()).isEqualTo("sync_queued");
        JsonNode check = syncOf(notification.path("syncId").asText());
        assertThat(check.path("status").asText()).as(check.toString()).isEqualTo("succeeded");
        assertThat(check.path("trigger").asText()).isEqualTo("drift_reconciliation");
        assertThat(check.path("updated").asInt()).isPositive();
        String marked = "4 of 59 resources drifted (Terraform Cloud health assessment)";
        for (JsonNode entity :
                TestApp.json(app.get("/api/catalog/entities?filter=metadata.annotations.terraform.io/workspace=ws4"))) {
            assertThat(entity.path("metadata")
                            .path("annotations")
                            .path("tfsync.io/drift")
                            .asText())
                    .isEqualTo(marked);
        }
        JsonNode workspace = workspaceItem("ws4");
        assertThat(workspace.path("drift").path("resourcesDrifted").asLong()).isEqualTo(4);
        assertThat(workspace.path("drift").path("assessmentId").asText()).isEqualTo("asmtres-vRVQxpqq64EA9V5a");
        assertThat(workspace.path("drift").path("reportedAt").asText()).isEqualTo("2022-06-09T05:23:10Z");
        assertThat(database.queryRows(
                        "SELECT event, outcome, detail FROM webhook_deliveries WHERE event = 'assessment:drifted'"))
                .containsExactly(List.of("assessment:drifted", "sync_queued", marked));
        assertThat(app.get("/").body()).contains(marked);
        // The same assessment again is a duplicate: no second check.
        assertThat(TestApp.json(deliver(drift, sign(4, drift)))
                        .path("notifications")
                        .get(0)
                        .path("duplicate")
                        .asBoolean())
                .isTrue();
        // Other workspaces are not marked.
        assertThat(app.get("/api/catalog/entities?filter=metadata.annotations.tfsync.io/drift")
                        .body())
                .doesNotContain("\"ws5\"");

        String fixed = TfcPayloads.run("tfc-ws4", "run-Fixed0000000001", "run:completed", "applied");
        JsonNode cleared = syncOf(TestApp.json(deliver(fixed, sign(4, fixed)))
                .path("notifications")
                .get(0)
                .path("syncId")
                .asText());
        assertThat(cleared.path("status").asText()).isEqualTo("succeeded");
        assertThat(TestApp.json(app.get("/api/catalog/entities?filter=metadata.annotations.tfsync.io/drift")))
                .isEmpty();
        assertThat(workspaceItem("ws4").path("drift").isNull()).isTrue();
    }

    private JsonNode workspaceItem(String id) {
        for (JsonNode item : TestApp.json(app.get("/api/sync/workspaces")).path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no workspace " + id);
    }

    @Test
    void a_hundred_deliveries_for_ten_workspaces_at_once_make_at_most_two_syncs_each() throws Exception {
        fetchDelay = 3000; // the burst arrives while the first syncs download
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            int workspace = n % WORKSPACES;
            String body = TfcPayloads.run("tfc-" + id(workspace), "run-Burst" + n, "run:completed", "applied");
            sent.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/sync/tfc-webhook"))
                            .header("Content-Type", "application/json")
                            .header("X-TFE-Notification-Signature", sign(workspace, body))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : sent) {
            assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
        }
        await().atMost(WAIT)
                .until(() -> database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE status IN ('queued', 'running')")
                        == 0);
        assertThat(database.queryLong("SELECT COUNT(*) FROM webhook_deliveries"))
                .isEqualTo(100);
        for (int i = 0; i < WORKSPACES; i++) {
            assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE workspace = ?", id(i)))
                    .as(id(i))
                    .isBetween(1L, 2L);
        }
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE status <> 'succeeded'"))
                .isZero();
    }
}
