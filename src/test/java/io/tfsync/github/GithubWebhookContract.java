package io.tfsync.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.tfsync.Application;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.GithubConfig;
import io.tfsync.config.Secret;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestStates;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.Signatures;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/sync/github-webhook} with payloads shaped as GitHub's documentation shows them, signed
 * as GitHub signs them ({@code X-Hub-Signature-256: sha256=} + hex HMAC-SHA256 of the raw body), and
 * GitHub's REST API faked with WireMock: the repository's component appears, changes and links the
 * workspaces' resources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GithubWebhookContract {

    protected abstract TestDatabase openDatabase();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REPO = "acme/payments-infra";
    private static final String SOURCE = "github:" + REPO;
    private static final String SHARED_SECRET = "It's a Secret to Everybody";
    private static final String CONFIG = """
            component:
              name: payments-api
              owner: group:default/payments-team
              system: payments
              lifecycle: experimental
              tags: [card]
            workspaces: [payments-staging]
            """;

    @TempDir
    static Path folder;

    private final byte[] key = new byte[32];
    private TestDatabase database;
    private WireMockServer github;
    private TestApp app;

    @BeforeAll
    void open() {
        new SecureRandom().nextBytes(key);
        database = openDatabase();
        github = new WireMockServer(wireMockConfig().dynamicPort());
        github.start();
    }

    @AfterAll
    void close() {
        github.stop();
        database.close();
    }

    @BeforeEach
    void start() {
        database.clear();
        github.resetAll();
        stubRepository(GithubPayloads.repository(REPO));
        stubFile(".backstage/config.yaml", GithubPayloads.SHA, CONFIG);
        List<WorkspaceConfig> workspaces = new ArrayList<>();
        workspaces.add(workspace("payments-prod", "acme", Optional.of(REPO)));
        workspaces.add(workspace("payments-staging", "acme", Optional.empty()));
        workspaces.add(workspace("other-tenant", "globex", Optional.empty()));
        app = TestApp.start(
                database.settings(),
                List.of(),
                TestApp.fileWorkspaces(workspaces),
                Application.EventOptions.defaults(),
                new Application.WebhookOptions(
                        true,
                        Optional.of(key),
                        SynchronizationConfig.TfcWebhook.DEFAULT_TIMEOUT,
                        true,
                        new GithubConfig(
                                URI.create(github.baseUrl()),
                                Optional.of(new Secret("ghp_test0000000000000000000000000000000")),
                                Optional.of(new Secret(SHARED_SECRET)))));
    }

    private static WorkspaceConfig workspace(String id, String tenant, Optional<String> repository) {
        Path state = TestStates.state().bucket(id + "-logs", "team").write(folder.resolve(id + ".tfstate"));
        return new WorkspaceConfig(
                id,
                tenant,
                "payments",
                "default",
                EntityRef.parse("group:default/platform"),
                Optional.empty(),
                new SourceConfig.File(state),
                Optional.empty(),
                repository);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void stubRepository(String json) {
        github.stubFor(get(urlPathEqualTo("/repos/" + REPO)).willReturn(okJson(json)));
    }

    private void stubFile(String path, String ref, String content) {
        github.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/contents/" + path))
                .withQueryParam("ref", equalTo(ref))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.raw+json; charset=utf-8")
                        .withBody(content)));
    }

    private HttpResponse<String> deliver(String event, String delivery, String body, String signature) {
        List<String> headers = new ArrayList<>(List.of("X-GitHub-Event", event, "X-GitHub-Delivery", delivery));
        if (signature != null) {
            headers.addAll(List.of("X-Hub-Signature-256", signature));
        }
        return app.post("/api/sync/github-webhook", "application/json", body, headers.toArray(String[]::new));
    }

    private HttpResponse<String> deliver(String event, String body) {
        return deliver(event, UUID.randomUUID().toString(), body, sign(SHARED_SECRET, body));
    }

    private static String sign(String secret, String body) {
        return "sha256=" + Signatures.hex(Signatures.GITHUB, secret, body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode finished(String syncId) {
        return await().atMost(WAIT)
                .until(
                        () -> TestApp.json(app.get("/api/sync/history/" + syncId)),
                        body -> body.path("status").asText().matches("succeeded|failed"));
    }

    private JsonNode component() {
        return TestApp.json(app.get("/api/catalog/entities/by-name/component/default/payments-api"));
    }

    private String pushConfig() {
        return GithubPayloads.push(REPO, "refs/heads/main", GithubPayloads.SHA, List.of(".backstage/config.yaml"));
    }

    private static String reserialize(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json)
                    .toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private long stored() {
        return database.queryLong("SELECT COUNT(*) FROM webhook_deliveries")
                + database.queryLong("SELECT COUNT(*) FROM sync_runs");
    }

    @Test
    void a_push_of_the_config_file_makes_the_component_at_the_pushed_commit_and_links_the_workspaces() {
        HttpResponse<String> response = deliver("push", pushConfig());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = TestApp.json(response);
        assertThat(answer.path("outcome").asText()).isEqualTo("sync_queued");
        JsonNode sync = finished(answer.path("syncId").asText());
        assertThat(sync.path("status").asText()).as(sync.toString()).isEqualTo("succeeded");
        assertThat(sync.path("workspace").asText()).isEqualTo(SOURCE);
        assertThat(sync.path("runId").asText()).isEqualTo(GithubPayloads.SHA);
        assertThat(sync.path("added").asInt()).isEqualTo(1);

        JsonNode component = component();
        assertThat(component.path("spec").path("owner").asText()).isEqualTo("group:default/payments-team");
        assertThat(component.path("spec").path("system").asText()).isEqualTo("system:default/payments");
        assertThat(component.path("spec").path("lifecycle").asText()).isEqualTo("experimental");
        assertThat(component.path("spec").path("type").asText()).isEqualTo("service");
        assertThat(component.path("metadata").path("description").asText()).isEqualTo("Payments infrastructure");
        assertThat(component.path("metadata").path("tags").toString())
                .isEqualTo("[\"payments\",\"terraform\",\"card\"]");
        assertThat(component.path("metadata").path("links").get(0).path("url").asText())
                .isEqualTo("https://github.com/" + REPO);
        JsonNode annotations = component.path("metadata").path("annotations");
        assertThat(annotations.path("github.com/project-slug").asText()).isEqualTo(REPO);
        assertThat(annotations.path("backstage.io/managed-by-location").asText())
                .isEqualTo("url:https://github.com/" + REPO + "/blob/main/.backstage/config.yaml");
        assertThat(annotations.path("tfsync.io/workspaces").asText()).isEqualTo("payments-prod,payments-staging");
        github.verify(getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/contents/.backstage/config.yaml"))
                .withQueryParam("ref", equalTo(GithubPayloads.SHA))
                .withHeader("Authorization", equalTo("Bearer ghp_test0000000000000000000000000000000"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));

        // Both workspaces it claims sync again (config_change) and their resources depend on it.
        for (String workspace : List.of("payments-prod", "payments-staging")) {
            JsonNode resource = await().atMost(WAIT)
                    .until(
                            () -> TestApp.json(app.get("/api/catalog/entities?filter=kind=resource,"
                                            + "metadata.annotations.terraform.io/workspace=" + workspace))
                                    .get(0),
                            entity -> entity != null && entity.path("spec").has("dependencyOf"));
            assertThat(resource.path("spec").path("dependencyOf").get(0).asText())
                    .isEqualTo("component:default/payments-api");
        }
        JsonNode history = TestApp.json(app.get("/api/sync/history?workspace=payments-staging"));
        assertThat(history.path("items").get(0).path("trigger").asText()).isEqualTo("config_change");
        // The component shows the resources that depend on it.
        assertThat(component().path("relations").toString())
                .contains("dependsOn")
                .contains("resource:default/");
        // The status page lists the repository with its last sync.
        assertThat(app.get("/").body()).contains("GitHub repositories", SOURCE, "succeeded");
        // The other tenant's workspace is untouched.
        assertThat(TestApp.json(app.get("/api/sync/history?workspace=other-tenant"))
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void the_same_delivery_three_times_runs_one_sync() {
        String body = pushConfig();
        String delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
        List<String> syncIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = deliver("push", delivery, body, sign(SHARED_SECRET, body));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            JsonNode answer = TestApp.json(response);
            assertThat(answer.path("duplicate").asBoolean()).isEqualTo(i > 0);
            syncIds.add(answer.path("syncId").asText());
        }
        assertThat(syncIds).containsOnly(syncIds.getFirst());
        finished(syncIds.getFirst());
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE workspace = '" + SOURCE + "'"))
                .isEqualTo(1);
        assertThat(database.queryLong("SELECT COUNT(*) FROM webhook_deliveries"))
                .isEqualTo(1);
    }

    @Test
    void bad_signatures_are_401_and_store_nothing() {
        String body = pushConfig();
        String good = sign(SHARED_SECRET, body);
        // The same JSON, re-serialized (as the source document's receiver did): other bytes, another HMAC.
        String reserialized = sign(SHARED_SECRET, reserialize(body));
        List<String> bad = List.of(
                "",
                good.substring(0, good.length() - 2),
                good + "00",
                "sha1=" + good.substring("sha256=".length(), 47),
                good.substring("sha256=".length()),
                sign("another secret", body),
                reserialized,
                "sha256=" + (good.charAt(7) == '0' ? '1' : '0') + good.substring(8));
        for (String signature : bad) {
            HttpResponse<String> response =
                    deliver("push", UUID.randomUUID().toString(), body, signature.isEmpty() ? null : signature);
            assertThat(response.statusCode())
                    .as(signature + ": " + response.body())
                    .isEqualTo(401);
            assertThat(response.body()).doesNotContain(SHARED_SECRET);
        }
        assertThat(stored()).isZero();
    }

    @Test
    void githubs_documented_test_vector_is_accepted_over_http() {
        // GitHub's docs: secret "It's a Secret to Everybody", payload "Hello, World!", this signature.
        HttpResponse<String> response = deliver(
                "push",
                UUID.randomUUID().toString(),
                "Hello, World!",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
        // The signature holds, so the body is read, and it is not JSON: a 400, not a 401.
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("not JSON");
        assertThat(stored()).isZero();
    }

    @Test
    void a_ping_is_answered_and_makes_the_component_of_a_configured_repository() {
        stubFile(".backstage/config.yaml", "main", CONFIG);
        HttpResponse<String> response = deliver("ping", GithubPayloads.ping(REPO));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        finished(TestApp.json(response).path("syncId").asText());
        assertThat(component().path("spec").path("owner").asText()).isEqualTo("group:default/payments-team");
        github.verify(getRequestedFor(urlPathEqualTo("/repos/" + REPO + "/contents/.backstage/config.yaml"))
                .withQueryParam("ref", equalTo("main")));

        HttpResponse<String> unknown = deliver("ping", GithubPayloads.ping("acme/elsewhere"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(200);
        assertThat(TestApp.json(unknown).path("outcome").asText()).isEqualTo("ignored");
    }

    @Test
    void pushes_that_do_not_concern_the_component_are_acknowledged_and_ignored() {
        List<String> bodies = List.of(
                GithubPayloads.push(REPO, "refs/heads/feature", GithubPayloads.SHA, List.of(".backstage/config.yaml")),
                GithubPayloads.push(REPO, "refs/heads/main", GithubPayloads.SHA, List.of("main.tf")),
                GithubPayloads.push(
                        "acme/elsewhere", "refs/heads/main", GithubPayloads.SHA, List.of("catalog-info.yaml")));
        for (String body : bodies) {
            HttpResponse<String> response = deliver("push", body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(TestApp.json(response).path("outcome").asText()).isEqualTo("ignored");
            assertThat(TestApp.json(response).path("detail").asText()).isNotBlank();
        }
        HttpResponse<String> issues =
                deliver("issues", "{\"action\":\"opened\",\"repository\":{\"full_name\":\"" + REPO + "\"}}");
        assertThat(issues.statusCode()).isEqualTo(200);
        assertThat(database.queryLong("SELECT COUNT(*) FROM sync_runs")).isZero();
    }

    @Test
    void repository_edits_and_archiving_change_the_components_description_tags_and_lifecycle() {
        finished(TestApp.json(deliver("push", pushConfig())).path("syncId").asText());
        stubFile(".backstage/config.yaml", "main", CONFIG);

        String edited =
                GithubPayloads.repository(REPO, "Card payments", List.of("pci"), false, "https://pay.example.com");
        stubRepository(edited);
        JsonNode sync = finished(TestApp.json(deliver(
                        "repository",
                        GithubPayloads.repositoryEvent(
                                "edited", edited, "{\"description\": {\"from\": \"Payments infrastructure\"}}")))
                .path("syncId")
                .asText());
        assertThat(sync.path("updated").asInt()).as(sync.toString()).isEqualTo(1);
        JsonNode component = component();
        assertThat(component.path("metadata").path("description").asText()).isEqualTo("Card payments");
        assertThat(component.path("metadata").path("tags").toString()).isEqualTo("[\"pci\",\"card\"]");
        assertThat(component.path("metadata").path("links").get(1).path("url").asText())
                .isEqualTo("https://pay.example.com");

        String archived =
                GithubPayloads.repository(REPO, "Card payments", List.of("pci"), true, "https://pay.example.com");
        stubRepository(archived);
        finished(TestApp.json(deliver("repository", GithubPayloads.repositoryEvent("archived", archived, null)))
                .path("syncId")
                .asText());
        assertThat(component().path("spec").path("lifecycle").asText()).isEqualTo("deprecated");
    }

    @Test
    void a_renamed_repository_is_found_by_its_old_name() {
        String renamed = GithubPayloads.repository("acme/payments-platform");
        HttpResponse<String> response = deliver(
                "repository",
                GithubPayloads.repositoryEvent(
                        "renamed", renamed, "{\"repository\": {\"name\": {\"from\": \"payments-infra\"}}}"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(TestApp.json(response).path("repository").asText()).isEqualTo(REPO);
    }

    @Test
    void a_config_file_with_a_mistake_fails_the_sync_with_a_sentence_and_changes_nothing() {
        finished(TestApp.json(deliver("push", pushConfig())).path("syncId").asText());
        String before = component().toString();

        stubFile(".backstage/config.yaml", GithubPayloads.SHA2, "component:\n  name: payments-api\n  ownr: x\n");
        String push =
                GithubPayloads.push(REPO, "refs/heads/main", GithubPayloads.SHA2, List.of(".backstage/config.yaml"));
        JsonNode failed =
                finished(TestApp.json(deliver("push", push)).path("syncId").asText());
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText())
                .contains(".backstage/config.yaml of " + REPO)
                .contains("unknown key component.ownr")
                .contains("not tried again");

        stubFile(".backstage/config.yaml", GithubPayloads.SHA2, "workspaces: [other-tenant]\n");
        String again =
                GithubPayloads.push(REPO, "refs/heads/main", GithubPayloads.SHA2, List.of(".backstage/config.yaml"));
        JsonNode foreign =
                finished(TestApp.json(deliver("push", again)).path("syncId").asText());
        assertThat(foreign.path("error").asText())
                .contains("names workspace other-tenant, which is not configured in tenant acme");
        assertThat(component().toString()).isEqualTo(before);
    }

    @Test
    void a_repository_without_either_file_gets_a_component_from_its_metadata_and_catalog_info_is_read() {
        github.stubFor(get(urlPathEqualTo("/repos/" + REPO + "/contents/.backstage/config.yaml"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"message\": \"Not Found\"}")));
        stubFile("catalog-info.yaml", GithubPayloads.SHA, """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: payments-api
                  annotations:
                    tfsync.io/workspaces: payments-staging
                spec:
                  type: website
                  owner: payments-team
                  lifecycle: production
                """);
        String push = GithubPayloads.push(REPO, "refs/heads/main", GithubPayloads.SHA, List.of("catalog-info.yaml"));
        JsonNode sync =
                finished(TestApp.json(deliver("push", push)).path("syncId").asText());
        assertThat(sync.path("status").asText()).as(sync.toString()).isEqualTo("succeeded");
        JsonNode component = component();
        assertThat(component.path("spec").path("type").asText()).isEqualTo("website");
        assertThat(component.path("spec").path("owner").asText()).isEqualTo("group:default/payments-team");
        assertThat(component
                        .path("metadata")
                        .path("annotations")
                        .path("backstage.io/managed-by-location")
                        .asText())
                .endsWith("/blob/main/catalog-info.yaml");
    }

    @Test
    void a_secret_stored_by_setup_verifies_only_its_own_repository() {
        SecretBox box = new SecretBox(key);
        String secret = SecretBox.newToken();
        database.store(InstantSource.system()).webhookRepository().storeToken("github", REPO, box.seal(REPO, secret));

        String body = pushConfig();
        HttpResponse<String> own = deliver("push", UUID.randomUUID().toString(), body, sign(secret, body));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);

        String elsewhere = GithubPayloads.push(
                "acme/elsewhere", "refs/heads/main", GithubPayloads.SHA, List.of("catalog-info.yaml"));
        HttpResponse<String> other = deliver("push", UUID.randomUUID().toString(), elsewhere, sign(secret, elsewhere));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
    }
}
