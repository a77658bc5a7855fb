package io.tfsync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.WebhookRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfsync setup github-webhook} against a WireMock stand-in for GitHub's REST API ("Repository
 * webhooks": list, create, update), request bodies checked.
 */
class SetupGithubWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOKS = "/repos/acme/payments-infra/hooks";
    private static final String URL = "https://tfsync.example.com/api/sync/github-webhook";

    @TempDir
    Path dir;

    private WireMockServer github;
    private TestDatabase database;
    private final byte[] key = new byte[32];
    private Path config;

    @BeforeEach
    void start() throws Exception {
        github = new WireMockServer(wireMockConfig().dynamicPort());
        github.start();
        database = TestDatabases.sqlite();
        new SecureRandom().nextBytes(key);
        config = dir.resolve("tfsync.yaml");
        Files.writeString(config, """
                server: { baseUrl: "https://tfsync.example.com" }
                database: { url: "%s" }
                github: { apiUrl: "%s", token: "ghp_admin_token" }
                secrets: { key: "%s" }
                workspaces:
                  - { id: payments-prod, tenant: acme, businessUnit: payments, owner: group:default/payments-team,
                      source: { type: file, path: local.tfstate }, repository: acme/payments-infra }
                """.formatted(
                database.settings().url(), github.baseUrl(), Base64.getEncoder().encodeToString(key)));
        Files.writeString(dir.resolve("local.tfstate"), "{\"version\": 4, \"serial\": 1, \"resources\": []}");
    }

    @AfterEach
    void stop() {
        github.stop();
        database.close();
    }

    private String storedSecret() {
        WebhookRepository.StoredToken stored = database.store(InstantSource.system())
                .webhookRepository()
                .tokens("github")
                .getFirst();
        assertThat(stored.scope()).isEqualTo("acme/payments-infra");
        return new SecretBox(key).open(stored.scope(), stored.sealed());
    }

    private static String hook(long id, String url) {
        return """
                {"type": "Repository", "id": %d, "name": "web", "active": true, "events": ["push", "pull_request"],
                 "config": {"content_type": "json", "insecure_ssl": "0", "url": "%s"},
                 "updated_at": "2019-06-03T00:57:16Z", "created_at": "2019-06-03T00:57:16Z",
                 "url": "https://api.github.com/repos/acme/payments-infra/hooks/%d"}
                """.formatted(id, url, id);
    }

    @Test
    void creates_a_json_webhook_for_push_and_repository_events_with_a_new_stored_secret() throws Exception {
        github.stubFor(
                get(urlPathEqualTo(HOOKS)).willReturn(okJson("[" + hook(1, "https://ci.example.com/hook") + "]")));
        github.stubFor(post(urlPathEqualTo(HOOKS))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(hook(12345678, URL))));

        CliTest.Run run = CliTest.run("setup", "github-webhook", "acme/payments-infra", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("12345678", "created", "push, repository", URL);
        List<LoggedRequest> posts = github.findAll(postRequestedFor(urlPathEqualTo(HOOKS)));
        assertThat(posts).hasSize(1);
        assertThat(posts.getFirst().getHeader("Authorization")).isEqualTo("Bearer ghp_admin_token");
        assertThat(posts.getFirst().getHeader("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(posts.getFirst().getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        JsonNode body = JSON.readTree(posts.getFirst().getBodyAsString());
        assertThat(body.path("name").asText()).isEqualTo("web");
        assertThat(body.path("active").asBoolean()).isTrue();
        assertThat(body.path("events").toString()).isEqualTo("[\"push\",\"repository\"]");
        JsonNode hookConfig = body.path("config");
        assertThat(hookConfig.path("url").asText()).isEqualTo(URL);
        assertThat(hookConfig.path("content_type").asText()).isEqualTo("json");
        assertThat(hookConfig.path("insecure_ssl").asText()).isEqualTo("0");
        assertThat(hookConfig.path("secret").asText()).matches("[0-9a-f]{64}").isEqualTo(storedSecret());
        assertThat(run.out() + run.err()).doesNotContain(storedSecret()).doesNotContain("ghp_admin_token");
    }

    @Test
    void updates_the_hook_that_already_points_at_tfsync_instead_of_adding_another() throws Exception {
        github.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(okJson("[" + hook(777, URL) + "]")));
        github.stubFor(patch(urlPathEqualTo(HOOKS + "/777")).willReturn(okJson(hook(777, URL))));

        CliTest.Run run = CliTest.run("setup", "github-webhook", "acme/payments-infra", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("777", "updated");
        assertThat(github.findAll(postRequestedFor(urlPathEqualTo(HOOKS)))).isEmpty();
        JsonNode body = JSON.readTree(github.findAll(patchRequestedFor(urlPathEqualTo(HOOKS + "/777")))
                .getFirst()
                .getBodyAsString());
        assertThat(body.has("name")).isFalse();
        assertThat(body.path("events").toString()).isEqualTo("[\"push\",\"repository\"]");
        assertThat(body.path("config").path("secret").asText()).isEqualTo(storedSecret());
        assertThat(run.out()).doesNotContain(storedSecret());

        CliTest.Run shown = CliTest.run(
                "setup", "github-webhook", "acme/payments-infra", "--config", config.toString(), "--show-secret");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("shown this once", storedSecret());
    }

    @Test
    void a_refusal_from_github_puts_the_previous_secret_back() throws Exception {
        database.store(InstantSource.system())
                .webhookRepository()
                .storeToken("github", "acme/payments-infra", new SecretBox(key).seal("acme/payments-infra", "old"));
        github.stubFor(get(urlPathEqualTo(HOOKS)).willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo(HOOKS))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"Validation Failed\", \"errors\": [{\"resource\": \"Hook\","
                                + " \"code\": \"custom\", \"message\": \"Hook already exists on this repository\"}],"
                                + " \"documentation_url\": \"https://docs.github.com/rest/repos/webhooks\"}")));

        CliTest.Run run = CliTest.run("setup", "github-webhook", "acme/payments-infra", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("422", "Validation Failed", "Hook already exists", "Nothing changed");
        assertThat(storedSecret()).isEqualTo("old");
    }

    @Test
    void a_repository_no_workspace_names_is_a_usage_error() {
        CliTest.Run run = CliTest.run("setup", "github-webhook", "acme/elsewhere", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no workspace", "acme/elsewhere", "named: acme/payments-infra");
        assertThat(github.getAllServeEvents()).isEmpty();
    }
}
