package io.tfsync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The sync API over HTTP: trigger, history, workspaces, errors and tenant walls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME = "acme-token";
    private static final String ACME_READER = "acme-reader-token";
    private static final String GLOBEX = "globex-token";

    @TempDir
    static Path folder;

    private TestDatabase database;
    private TestApp app;

    private static WorkspaceConfig workspace(String id, String tenant, Path state) {
        return new WorkspaceConfig(
                id,
                tenant,
                "payments",
                "default",
                EntityRef.parse("group:default/team"),
                Optional.empty(),
                new SourceConfig.File(state),
                Optional.of("15 * * * *"),
                Optional.empty());
    }

    @BeforeAll
    void start() throws Exception {
        database = TestDatabases.sqlite();
        TestStates.state().bucket("logs", "team-a").buckets("shard", 2).write(folder.resolve("a.tfstate"));
        TestStates.state().bucket("other", "team-g").write(folder.resolve("g.tfstate"));
        app = TestApp.start(
                database.settings(),
                List.of(
                        new ApiToken(
                                "acme-ops", TenantWallsTest.sha256(ACME), "acme", Set.of("catalog.read", "sync.write")),
                        new ApiToken(
                                "acme-reader", TenantWallsTest.sha256(ACME_READER), "acme", Set.of("catalog.read")),
                        new ApiToken(
                                "globex-ops",
                                TenantWallsTest.sha256(GLOBEX),
                                "globex",
                                Set.of("catalog.read", "sync.write"))),
                TestApp.fileWorkspaces(List.of(
                        workspace("payments-prod", "acme", folder.resolve("a.tfstate")),
                        workspace("globex-prod", "globex", folder.resolve("g.tfstate")),
                        workspace("broken", "acme", folder.resolve("missing.tfstate")))));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private HttpResponse<String> get(String path, String token) {
        return app.get(path, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> trigger(String workspace, String token) {
        return app.post("/api/sync/workspaces/" + workspace + "/sync", null, "", "Authorization", "Bearer " + token);
    }

    private JsonNode finished(String syncId, String token) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> JSON.readTree(
                                get("/api/sync/history/" + syncId, token).body()),
                        body -> body.path("status").asText().matches("succeeded|failed"));
    }

    @Test
    void a_manual_trigger_answers_202_with_the_sync_id_and_the_sync_is_in_the_history() throws Exception {
        HttpResponse<String> response = trigger("payments-prod", ACME);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        String syncId = body.path("syncId").asText();
        assertThat(syncId).isNotBlank();
        assertThat(body.path("workspace").asText()).isEqualTo("payments-prod");

        JsonNode record = finished(syncId, ACME);
        assertThat(record.path("status").asText()).isEqualTo("succeeded");
        assertThat(record.path("trigger").asText()).isEqualTo("manual");
        assertThat(record.path("workspace").asText()).isEqualTo("payments-prod");
        assertThat(record.has("runId")).isTrue();
        assertThat(record.path("runId").isNull()).isTrue();
        assertThat(record.path("startedAt").asText()).endsWith("Z");
        assertThat(record.path("finishedAt").asText()).endsWith("Z");
        assertThat(record.path("added").asInt()
                        + record.path("updated").asInt()
                        + record.path("deleted").asInt())
                .isBetween(0, 3);
        assertThat(record.path("conflicts").isArray()).isTrue();
        assertThat(record.path("error").isNull()).isTrue();

        JsonNode history = JSON.readTree(
                get("/api/sync/history?workspace=payments-prod&limit=5", ACME).body());
        assertThat(history.path("items").get(0).path("syncId").asText()).isEqualTo(syncId);
        assertThat(get("/api/catalog/entities/by-name/resource/default/payments-prod.aws_s3_bucket.logs", ACME)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_failed_sync_says_why_in_a_sentence() throws Exception {
        String syncId =
                JSON.readTree(trigger("broken", ACME).body()).path("syncId").asText();

        JsonNode record = finished(syncId, ACME);

        assertThat(record.path("status").asText()).isEqualTo("failed");
        assertThat(record.path("error").asText()).contains("missing.tfstate").contains("does not exist");
    }

    @Test
    void workspaces_list_the_callers_workspaces_with_source_schedule_and_last_sync() throws Exception {
        finished(
                JSON.readTree(trigger("payments-prod", ACME).body())
                        .path("syncId")
                        .asText(),
                ACME);

        JsonNode items = JSON.readTree(get("/api/sync/workspaces", ACME).body()).path("items");

        assertThat(items).extracting(i -> i.path("id").asText()).containsExactly("payments-prod", "broken");
        JsonNode payments = items.get(0);
        assertThat(payments.path("tenant").asText()).isEqualTo("acme");
        assertThat(payments.path("businessUnit").asText()).isEqualTo("payments");
        assertThat(payments.path("source").path("type").asText()).isEqualTo("file");
        assertThat(payments.path("schedule").asText()).isEqualTo("15 * * * *");
        assertThat(payments.path("lastSync").path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void the_status_page_shows_the_callers_workspaces_and_their_last_sync() throws Exception {
        finished(
                JSON.readTree(trigger("payments-prod", ACME).body())
                        .path("syncId")
                        .asText(),
                ACME);

        String page = get("/", ACME).body();

        assertThat(page)
                .contains("Workspaces")
                .contains("payments-prod")
                .contains("a.tfstate")
                .contains("succeeded");
        assertThat(page).doesNotContain("globex");
    }

    @Test
    void another_tenants_workspace_and_syncs_are_not_found() throws Exception {
        String globexSync = JSON.readTree(trigger("globex-prod", GLOBEX).body())
                .path("syncId")
                .asText();
        finished(globexSync, GLOBEX);

        assertThat(trigger("globex-prod", ACME).statusCode()).isEqualTo(404);
        assertThat(get("/api/sync/history/" + globexSync, ACME).statusCode()).isEqualTo(404);
        assertThat(get("/api/sync/history?workspace=globex-prod", ACME).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/sync/history?limit=500", ACME).body()).doesNotContain("globex");
        assertThat(get("/api/sync/workspaces", ACME).body()).doesNotContain("globex");
    }

    @Test
    void mistakes_are_4xx_that_name_what_was_wrong() throws Exception {
        HttpResponse<String> unknown = trigger("nope", ACME);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").path("message").asText())
                .contains("nope");
        assertThat(trigger("payments-prod", ACME_READER).statusCode()).isEqualTo(403);
        assertThat(app.post("/api/sync/workspaces/payments-prod/sync", null, "").statusCode())
                .isEqualTo(401);
        assertThat(get("/api/sync/history?limit=0", ACME).statusCode()).isEqualTo(400);
        assertThat(get("/api/sync/history?limit=501", ACME).body()).contains("limit");
        assertThat(get("/api/sync/history?limit=x", ACME).statusCode()).isEqualTo(400);
        assertThat(get("/api/sync/history/unknown-id", ACME).statusCode()).isEqualTo(404);
    }
}
