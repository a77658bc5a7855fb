package io.tfsync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

/** {@code tfsync setup tfc-webhook} against a WireMock stand-in for Terraform Cloud's API, request bodies checked. */
class SetupTfcWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private WireMockServer tfc;
    private TestDatabase database;
    private final byte[] key = new byte[32];
    private Path config;

    @BeforeEach
    void start() throws Exception {
        tfc = new WireMockServer(wireMockConfig().dynamicPort());
        tfc.start();
        database = TestDatabases.sqlite();
        new SecureRandom().nextBytes(key);
        config = write(true);
        tfc.stubFor(get(urlPathEqualTo("/api/v2/organizations/acme/workspaces/payments-prod"))
                .willReturn(okJson("{\"data\": {\"id\": \"ws-XdeUVMWShTesDMME\", \"type\": \"workspaces\","
                        + " \"attributes\": {\"name\": \"payments-prod\"}}}")));
    }

    @AfterEach
    void stop() {
        tfc.stop();
        database.close();
    }

    private Path write(boolean withKey) throws Exception {
        Path file = dir.resolve(withKey ? "tfsync.yaml" : "nokey.yaml");
        Files.writeString(file, """
                server: { baseUrl: "https://tfsync.example.com" }
                database: { url: "%s" }
                terraformCloud: { baseUrl: "%s", token: "tfc-api-token" }
                %s
                workspaces:
                  - { id: payments-prod, tenant: acme, businessUnit: payments, owner: group:default/payments-team,
                      source: { type: tfc, organization: acme, workspace: payments-prod } }
                  - { id: local, tenant: acme, businessUnit: payments, owner: group:default/payments-team,
                      source: { type: file, path: local.tfstate } }
                """.formatted(
                        database.settings().url(),
                        tfc.baseUrl(),
                        withKey ? "secrets: { key: \"" + Base64.getEncoder().encodeToString(key) + "\" }" : ""));
        Files.writeString(dir.resolve("local.tfstate"), "{\"version\": 4, \"serial\": 1, \"resources\": []}");
        return file;
    }

    private WebhookRepository tokens() {
        return database.store(InstantSource.system()).webhookRepository();
    }

    private String storedToken() {
        WebhookRepository.StoredToken stored = tokens().tokens("tfc").getFirst();
        return new SecretBox(key).open(stored.scope(), stored.sealed());
    }

    private void noConfigurationsYet() {
        tfc.stubFor(get(urlPathEqualTo("/api/v2/workspaces/ws-XdeUVMWShTesDMME/notification-configurations"))
                .willReturn(okJson("{\"data\": []}")));
    }

    private static JsonNode body(LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBodyAsString());
    }

    @Test
    void creates_a_generic_notification_configuration_with_a_new_stored_token() throws Exception {
        noConfigurationsYet();
        tfc.stubFor(
                post(urlPathEqualTo("/api/v2/workspaces/ws-XdeUVMWShTesDMME/notification-configurations"))
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/vnd.api+json")
                                        .withBody(
                                                "{\"data\": {\"id\": \"nc-AeUQ2zfKZzW9TiGZ\", \"type\": \"notification-configurations\"}}")));

        CliTest.Run run = CliTest.run("setup", "tfc-webhook", "payments-prod", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("nc-AeUQ2zfKZzW9TiGZ", "created", "run:completed, run:errored, assessment:drifted")
                .contains("https://tfsync.example.com/api/sync/tfc-webhook");
        List<LoggedRequest> posts = tfc.findAll(
                postRequestedFor(urlPathEqualTo("/api/v2/workspaces/ws-XdeUVMWShTesDMME/notification-configurations")));
        assertThat(posts).hasSize(1);
        assertThat(posts.getFirst().getHeader("Authorization")).isEqualTo("Bearer tfc-api-token");
        assertThat(posts.getFirst().getHeader("Content-Type")).isEqualTo("application/vnd.api+json");
        JsonNode data = body(posts.getFirst()).path("data");
        assertThat(data.path("type").asText()).isEqualTo("notification-configurations");
        JsonNode attributes = data.path("attributes");
        assertThat(attributes.path("destination-type").asText()).isEqualTo("generic");
        assertThat(attributes.path("enabled").asBoolean()).isTrue();
        assertThat(attributes.path("name").asText()).isEqualTo("tfsync");
        assertThat(attributes.path("url").asText()).isEqualTo("https://tfsync.example.com/api/sync/tfc-webhook");
        assertThat(attributes.path("triggers").toString())
                .isEqualTo("[\"run:completed\",\"run:errored\",\"assessment:drifted\"]");
        assertThat(attributes.path("token").asText()).matches("[0-9a-f]{64}").isEqualTo(storedToken());
        assertThat(run.out() + run.err()).doesNotContain(storedToken());
    }

    @Test
    void updates_the_existing_tfsync_configuration_instead_of_adding_another() throws Exception {
        tfc.stubFor(get(urlPathEqualTo("/api/v2/workspaces/ws-XdeUVMWShTesDMME/notification-configurations"))
                .willReturn(
                        okJson("{\"data\": [{\"id\": \"nc-Slack0000000001\", \"type\": \"notification-configurations\","
                                + " \"attributes\": {\"name\": \"slack\", \"destination-type\": \"slack\"}},"
                                + " {\"id\": \"nc-Old0000000000001\", \"type\": \"notification-configurations\","
                                + " \"attributes\": {\"name\": \"tfsync\", \"destination-type\": \"generic\"}}]}")));
        tfc.stubFor(patch(urlPathEqualTo("/api/v2/notification-configurations/nc-Old0000000000001"))
                .willReturn(okJson(
                        "{\"data\": {\"id\": \"nc-Old0000000000001\", \"type\": \"notification-configurations\"}}")));

        CliTest.Run run = CliTest.run("setup", "tfc-webhook", "payments-prod", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("nc-Old0000000000001", "updated");
        List<LoggedRequest> patches = tfc.findAll(
                patchRequestedFor(urlPathEqualTo("/api/v2/notification-configurations/nc-Old0000000000001")));
        assertThat(body(patches.getFirst()).path("data").path("id").asText()).isEqualTo("nc-Old0000000000001");
        assertThat(body(patches.getFirst()).at("/data/attributes/token").asText())
                .isEqualTo(storedToken());
        tfc.verify(
                0,
                postRequestedFor(urlPathEqualTo("/api/v2/workspaces/ws-XdeUVMWShTesDMME/notification-configurations")));
    }

    @Test
    void a_refusal_says_why_and_puts_the_previous_token_back() throws Exception {
        tokens().storeToken("tfc", "payments-prod", new SecretBox(key).seal("payments-prod", "the-old-token"));
        noConfigurationsYet();
        tfc.stubFor(post(urlPathEqualTo("/api/v2/workspaces/ws-XdeUVMWShTesDMME/notification-configurations"))
                .withHeader("Authorization", equalTo("Bearer tfc-api-token"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/vnd.api+json")
                        .withBody("{\"errors\": [{\"status\": \"422\", \"title\": \"invalid attribute\","
                                + " \"detail\": \"Verification failed: the URL answered 401\"}]}")));

        CliTest.Run run = CliTest.run("setup", "tfc-webhook", "payments-prod", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("Verification failed: the URL answered 401", "is tfsync serving there")
                .contains("Nothing changed")
                .doesNotContain("Exception");
        assertThat(storedToken()).isEqualTo("the-old-token");
    }

    @Test
    void a_workspace_not_on_terraform_cloud_or_a_missing_key_is_a_usage_error() throws Exception {
        CliTest.Run local = CliTest.run("setup", "tfc-webhook", "local", "--config", config.toString());
        assertThat(local.exit()).isEqualTo(2);
        assertThat(local.err()).contains("reads its state from file, not Terraform Cloud");

        CliTest.Run noKey = CliTest.run(
                "setup",
                "tfc-webhook",
                "payments-prod",
                "--config",
                write(false).toString());
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).contains("secrets.key is not configured", "openssl rand -base64 32");

        CliTest.Run unknown = CliTest.run("setup", "tfc-webhook", "nope", "--config", config.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no workspace 'nope'", "payments-prod");
        assertThat(tokens().tokens("tfc")).isEmpty();
    }
}
