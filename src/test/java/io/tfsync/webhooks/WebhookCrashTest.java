package io.tfsync.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing accepted is lost: {@code tfsync serve} in a child JVM answers a Terraform Cloud delivery and a
 * GitHub delivery 202 and is killed (SIGKILL) while the syncs they queued are still waiting on the
 * remote APIs; a new instance on the same database runs that work after the dead one's lease, and the
 * catalog gets the run's state and the repository's component.
 */
class WebhookCrashTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path folder;

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process serve(Path config, int port, Path log) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.tfsync.Main",
                        "serve",
                        "--config",
                        config.toString(),
                        "--port",
                        Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitReady(HttpClient http, int port, Process process, Path log) {
        await("the child service to be ready")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("the child died: " + Files.readString(log));
                    }
                    return http.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200;
                });
    }

    private static final String GITHUB_SECRET = "github-webhook-secret";
    private static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";

    /** GitHub's API on the same fake server: the repository (slow while {@code delay}) and its config file. */
    private static void stubGithub(WireMockServer github, Duration delay) {
        github.stubFor(get(urlPathEqualTo("/repos/acme/payments-infra"))
                .willReturn(okJson("{\"full_name\": \"acme/payments-infra\", \"name\": \"payments-infra\","
                                + " \"html_url\": \"https://github.com/acme/payments-infra\", \"default_branch\": \"main\","
                                + " \"description\": \"Payments\", \"topics\": [], \"archived\": false}")
                        .withFixedDelay((int) delay.toMillis())));
        github.stubFor(get(urlPathEqualTo("/repos/acme/payments-infra/contents/.backstage/config.yaml"))
                .willReturn(aResponse().withBody("component: { name: payments-api }\n")));
    }

    private static String push() {
        return """
                {"ref": "refs/heads/main", "after": "%s",
                 "repository": {"full_name": "acme/payments-infra", "name": "payments-infra",
                                "html_url": "https://github.com/acme/payments-infra", "default_branch": "main"},
                 "commits": [{"id": "%s", "added": [], "removed": [], "modified": [".backstage/config.yaml"]}]}
                """.formatted(SHA, SHA);
    }

    private static void stubTerraformCloud(WireMockServer tfc, Duration stateVersionDelay) {
        tfc.resetAll();
        tfc.stubFor(get(urlPathEqualTo("/api/v2/organizations/acme/workspaces/payments-prod"))
                .willReturn(okJson("{\"data\": {\"id\": \"ws-1\", \"type\": \"workspaces\","
                        + " \"attributes\": {\"name\": \"payments-prod\"}}}")));
        tfc.stubFor(get(urlPathEqualTo("/api/v2/workspaces/ws-1/current-state-version"))
                .willReturn(okJson("{\"data\": {\"id\": \"sv-7\", \"type\": \"state-versions\", \"attributes\":"
                                + " {\"serial\": 7, \"resources-processed\": true, \"hosted-state-download-url\": \""
                                + tfc.baseUrl() + "/_archivist/v1/object/sv7\"}, \"relationships\": {\"run\":"
                                + " {\"data\": {\"id\": \"run-Crash0000000001\", \"type\": \"runs\"}}}}}")
                        .withFixedDelay((int) stateVersionDelay.toMillis())));
        tfc.stubFor(get(urlPathEqualTo("/_archivist/v1/object/sv7"))
                .willReturn(aResponse()
                        .withBody(TestStates.state()
                                .bucket("logs", "team-a")
                                .bucket("audit", "team-a")
                                .json())));
    }

    @Test
    void a_delivery_answered_202_by_an_instance_killed_right_after_is_synced_by_the_next_one() throws Exception {
        WireMockServer tfc = new WireMockServer(wireMockConfig().dynamicPort());
        tfc.start();
        HttpClient http = HttpClient.newHttpClient();
        try (TestDatabase database = TestDatabases.sqlite()) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String token = SecretBox.newToken();
            database.store(InstantSource.system())
                    .webhookRepository()
                    .storeToken("tfc", "payments-prod", new SecretBox(key).seal("payments-prod", token));
            Path config = folder.resolve("tfsync.yaml");
            Files.writeString(config, """
                    database: { url: "%s" }
                    terraformCloud: { baseUrl: "%s", token: "tfc-api-token" }
                    github: { apiUrl: "%s", webhookSecret: "%s" }
                    secrets: { key: "%s" }
                    workspaces:
                      - id: payments-prod
                        tenant: acme
                        businessUnit: payments
                        owner: group:default/payments-team
                        source: { type: tfc, organization: acme, workspace: payments-prod }
                        repository: acme/payments-infra
                    """.formatted(
                            database.settings().url(),
                            tfc.baseUrl(),
                            tfc.baseUrl(),
                            GITHUB_SECRET,
                            Base64.getEncoder().encodeToString(key)));
            // The first instance's syncs hang in the remote calls, as a slow Terraform Cloud or GitHub would make them.
            stubTerraformCloud(tfc, Duration.ofMinutes(5));
            stubGithub(tfc, Duration.ofMinutes(5));
            int port = freePort();
            Process first = serve(config, port, folder.resolve("first.log"));
            try {
                awaitReady(http, port, first, folder.resolve("first.log"));
                String body = TfcPayloads.run("payments-prod", "run-Crash0000000001", "run:completed", "applied");
                HttpResponse<String> accepted = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sync/tfc-webhook"))
                                .header("Content-Type", "application/json")
                                .header(
                                        "X-TFE-Notification-Signature",
                                        Signatures.hex(Signatures.TFC, token, body.getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                String pushed = push();
                HttpResponse<String> push = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sync/github-webhook"))
                                .header("Content-Type", "application/json")
                                .header("X-GitHub-Event", "push")
                                .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                                .header(
                                        "X-Hub-Signature-256",
                                        "sha256="
                                                + Signatures.hex(
                                                        Signatures.GITHUB,
                                                        GITHUB_SECRET,
                                                        pushed.getBytes(StandardCharsets.UTF_8)))
                                .POST(HttpRequest.BodyPublishers.ofString(pushed))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(push.statusCode()).as(push.body()).isEqualTo(202);
            } finally {
                first.destroyForcibly(); // SIGKILL, right after the 202
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(database.queryLong("SELECT COUNT(*) FROM entities")).isZero();

            stubTerraformCloud(tfc, Duration.ZERO);
            stubGithub(tfc, Duration.ZERO);
            Process second = serve(config, port, folder.resolve("second.log"));
            try {
                awaitReady(http, port, second, folder.resolve("second.log"));
                try {
                    await("the accepted work, done by the new instance after the dead one's lease")
                            .atMost(WAIT)
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded'"
                                                    + " AND run_id IN ('run-Crash0000000001', '" + SHA + "')")
                                            >= 2
                                    && database.queryLong("SELECT COUNT(*) FROM sync_runs WHERE status <> 'succeeded'"
                                                    + " AND status <> 'failed'")
                                            == 0);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(
                            "sync_runs: "
                                    + database.queryRows("SELECT status, error_kind, attempt, error FROM sync_runs")
                                    + "\nfirst instance:\n" + Files.readString(folder.resolve("first.log"))
                                    + "\nsecond instance:\n" + Files.readString(folder.resolve("second.log")),
                            e);
                }
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(database.queryLong(
                            "SELECT COUNT(*) FROM entities WHERE owner_source = 'workspace:payments-prod'"))
                    .isEqualTo(2);
            assertThat(database.queryLong(
                            "SELECT COUNT(*) FROM entities WHERE owner_source = 'github:acme/payments-infra'"))
                    .isEqualTo(1);
            // Killed before its sync started, the queued row is simply run by the next instance; killed in the
            // middle, the running row is failed as abandoned and its work queued again (as attempt 2, or joined
            // to the config_change sync the component's new claim on the workspace queued meanwhile).
            for (String target : List.of("payments-prod", "github:acme/payments-infra")) {
                List<List<String>> history =
                        database.queryRows("SELECT status, error_kind FROM sync_runs WHERE workspace = '" + target
                                + "' ORDER BY queued_at");
                assertThat(history.getLast())
                        .as(target + ": " + history)
                        .isEqualTo(java.util.Arrays.asList("succeeded", null));
                assertThat(history)
                        .as(target + ": " + history)
                        .allSatisfy(row -> assertThat(row)
                                .isIn(List.of("failed", "abandoned"), java.util.Arrays.asList("succeeded", null)));
            }
        } finally {
            tfc.stop();
        }
    }
}
