package io.tfsync.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.Secret;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TerraformCloudConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.terraform.ResourceInstance;
import io.tfsync.terraform.StateParser;
import io.tfsync.terraform.StateSummary;
import io.tfsync.testing.Corpus;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Terraform Cloud source against WireMock speaking Terraform Cloud's API, with JSON:API documents
 * shaped as its documentation shows them (Workspaces API "Show workspace", State Versions API
 * "Fetch the Current State Version for a Workspace").
 */
class TfcStateSourceTest {

    private static final String TOKEN = "atlasv1.SECRET-token-value-123";
    private static final String SIGNED = "/_archivist/v1/object/dmF1bHQ6djE6SIGNEDSIGNATURE";
    private static final String WORKSPACE_PATH = "/api/v2/organizations/acme/workspaces/payments-prod";
    private static final String CURRENT = "/api/v2/workspaces/ws-6jrRyVDv1J8zQMB5/current-state-version";

    private WireMockServer tfc;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        tfc = new WireMockServer(wireMockConfig().dynamicPort());
        tfc.start();
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        tfc.stop();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private TfcStateSource source(int attempts) {
        return source(attempts, Duration.ofSeconds(5));
    }

    private TfcStateSource source(int attempts, Duration requestTimeout) {
        return new TfcStateSource(
                new TerraformCloudConfig(URI.create(tfc.baseUrl()), Optional.of(new Secret(TOKEN))),
                new SynchronizationConfig.Retry(
                        attempts, SynchronizationConfig.Backoff.EXPONENTIAL, Duration.ofMillis(10)),
                new TfcStateSource.Readiness(Duration.ofSeconds(5), Duration.ofMillis(20)),
                new TfcClient.Timing(Duration.ofSeconds(2), requestTimeout, Duration.ofSeconds(2)));
    }

    private static WorkspaceConfig workspace(String tfcWorkspace) {
        return new WorkspaceConfig(
                "payments",
                "acme",
                "payments",
                "default",
                EntityRef.parse("group:default/payments-team"),
                Optional.empty(),
                new SourceConfig.Tfc("acme", tfcWorkspace),
                Optional.empty(),
                Optional.empty());
    }

    private static String workspaceDocument() {
        return """
                {"data": {"id": "ws-6jrRyVDv1J8zQMB5", "type": "workspaces",
                  "attributes": {"name": "payments-prod", "auto-apply": false, "locked": false,
                    "resource-count": 12, "terraform-version": "1.9.8"},
                  "relationships": {"organization": {"data": {"id": "acme", "type": "organizations"}},
                    "current-state-version": {"data": {"id": "sv-g4rqST72reoHMM5a", "type": "state-versions"}}},
                  "links": {"self": "/api/v2/organizations/acme/workspaces/payments-prod"}}}
                """;
    }

    private String stateVersion(String id, long serial, boolean processed, String downloadPath) {
        return """
                {"data": {"id": "%s", "type": "state-versions",
                  "attributes": {"created-at": "2026-11-20T13:38:51.211Z", "size": 940, "serial": %d,
                    "state-version": 4, "status": "finalized", "resources-processed": %s,
                    "hosted-state-download-url": "%s%s",
                    "hosted-json-state-download-url": "%s%s-json",
                    "terraform-version": "1.9.8", "vcs-commit-sha": null},
                  "relationships": {"run": {"data": {"id": "run-AbCd1234", "type": "runs"}},
                    "created-by": {"data": {"id": "user-xyz", "type": "users"}}},
                  "links": {"self": "/api/v2/state-versions/%s"}}}
                """.formatted(id, serial, processed, tfc.baseUrl(), downloadPath, tfc.baseUrl(), downloadPath, id);
    }

    private void stubHappyPath(byte[] state) {
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH)).willReturn(okJson(workspaceDocument())));
        tfc.stubFor(
                get(urlPathEqualTo(CURRENT)).willReturn(okJson(stateVersion("sv-g4rqST72reoHMM5a", 7, true, SIGNED))));
        tfc.stubFor(get(urlPathEqualTo(SIGNED))
                .willReturn(aResponse().withStatus(200).withBody(state)));
    }

    private static byte[] corpusState() throws Exception {
        return Files.readAllBytes(Corpus.state("marioloera__terraform101__basic_course_terraform.tfstate"));
    }

    private static StateSummary parse(FetchedState fetched, List<ResourceInstance> into) throws Exception {
        try (FetchedState.Download download = (FetchedState.Download) fetched) {
            return StateParser.parse(download.body(), download.origin(), into::add);
        }
    }

    private void assertNoSecretLeaked(Throwable error) {
        String text = String.valueOf(error.getMessage());
        assertThat(text).doesNotContain(TOKEN).doesNotContain("SIGNEDSIGNATURE");
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(TOKEN).doesNotContain("SIGNEDSIGNATURE");
        }
    }

    @Test
    void the_current_state_is_found_by_workspace_name_and_streamed_with_the_token() throws Exception {
        stubHappyPath(corpusState());

        FetchedState fetched = source(3).fetch(workspace("payments-prod"), Optional.empty());

        assertThat(fetched).isInstanceOf(FetchedState.Download.class);
        FetchedState.Download download = (FetchedState.Download) fetched;
        assertThat(download.version()).contains(new StateVersion("sv-g4rqST72reoHMM5a", 7));
        assertThat(download.runId()).contains("run-AbCd1234");
        assertThat(download.origin()).isEqualTo("tfc:acme/payments-prod");
        List<ResourceInstance> instances = new ArrayList<>();
        assertThat(parse(fetched, instances).managedInstances()).isPositive();
        tfc.verify(getRequestedFor(urlPathEqualTo(SIGNED)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        tfc.verify(getRequestedFor(urlPathEqualTo(CURRENT)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(TOKEN).doesNotContain("SIGNEDSIGNATURE");
        }
    }

    @Test
    void a_workspace_id_is_used_as_it_is() throws Exception {
        stubHappyPath(corpusState());

        source(3).fetch(workspace("ws-6jrRyVDv1J8zQMB5"), Optional.empty());

        tfc.verify(0, getRequestedFor(urlPathEqualTo(WORKSPACE_PATH)));
    }

    @Test
    void the_version_last_synced_is_not_downloaded_again() throws Exception {
        stubHappyPath(corpusState());

        FetchedState fetched =
                source(3).fetch(workspace("payments-prod"), Optional.of(new StateVersion("sv-g4rqST72reoHMM5a", 7)));

        assertThat(fetched).isEqualTo(new FetchedState.Unchanged(new StateVersion("sv-g4rqST72reoHMM5a", 7)));
        tfc.verify(0, getRequestedFor(urlPathEqualTo(SIGNED)));
    }

    @Test
    void rate_limits_wait_as_retry_after_says_then_succeed() throws Exception {
        stubHappyPath(corpusState());
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("X-RateLimit-Limit", "30")
                        .withBody("{\"errors\":[{\"status\":\"429\",\"title\":\"Too many requests\"}]}"))
                .willSetStateTo("reset"));
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("limited")
                .whenScenarioStateIs("reset")
                .willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "0.05"))
                .willSetStateTo("open"));
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("limited")
                .whenScenarioStateIs("open")
                .willReturn(okJson(stateVersion("sv-g4rqST72reoHMM5a", 7, true, SIGNED))));

        long started = System.nanoTime();
        FetchedState fetched = source(3).fetch(workspace("payments-prod"), Optional.empty());

        assertThat(fetched).isInstanceOf(FetchedState.Download.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
        tfc.verify(3, getRequestedFor(urlPathEqualTo(CURRENT)));
    }

    @Test
    void server_errors_are_retried_and_a_lasting_outage_fails_after_the_configured_attempts() throws Exception {
        stubHappyPath(corpusState());
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(okJson(workspaceDocument())));

        assertThat(source(3).fetch(workspace("payments-prod"), Optional.empty()))
                .isInstanceOf(FetchedState.Download.class);

        tfc.resetRequests();
        tfc.stubFor(get(urlPathEqualTo(CURRENT)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> source(4).fetch(workspace("ws-6jrRyVDv1J8zQMB5"), Optional.empty()))
                .isInstanceOfSatisfying(StateSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo("unavailable");
                    assertThat(e.getMessage())
                            .contains("503")
                            .contains("payments")
                            .contains("4 attempts");
                    assertNoSecretLeaked(e);
                });
        tfc.verify(4, getRequestedFor(urlPathEqualTo(CURRENT)));
    }

    @Test
    void a_rate_limit_that_never_clears_fails_after_the_configured_attempts() {
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> source(3).fetch(workspace("payments-prod"), Optional.empty()))
                .isInstanceOfSatisfying(StateSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo("rate_limited");
                    assertThat(e.getMessage()).contains("rate-limiting").contains("3 attempts");
                });
        tfc.verify(3, getRequestedFor(urlPathEqualTo(WORKSPACE_PATH)));
    }

    @Test
    void a_retry_after_written_as_an_http_date_is_honoured() throws Exception {
        stubHappyPath(corpusState());
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("dated")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", inTwoSeconds))
                .willSetStateTo("open"));
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("dated")
                .whenScenarioStateIs("open")
                .willReturn(okJson(stateVersion("sv-g4rqST72reoHMM5a", 7, true, SIGNED))));

        long started = System.nanoTime();
        source(3).fetch(workspace("payments-prod"), Optional.empty());

        // The date has whole seconds, so the wait is at least the rest of the next second.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(900));
        tfc.verify(2, getRequestedFor(urlPathEqualTo(CURRENT)));
    }

    @Test
    void a_request_that_times_out_is_tried_again() throws Exception {
        stubHappyPath(corpusState());
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(workspaceDocument()).withFixedDelay(1500))
                .willSetStateTo("fast"));
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .inScenario("slow")
                .whenScenarioStateIs("fast")
                .willReturn(okJson(workspaceDocument())));

        FetchedState fetched = source(3, Duration.ofMillis(300)).fetch(workspace("payments-prod"), Optional.empty());

        assertThat(fetched).isInstanceOf(FetchedState.Download.class);
        tfc.verify(2, getRequestedFor(urlPathEqualTo(WORKSPACE_PATH)));
    }

    @Test
    void an_unknown_workspace_and_a_workspace_without_state_are_not_found_with_a_sentence() {
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("{\"errors\":[{\"status\":\"404\",\"title\":\"not found\"}]}")));

        assertThatThrownBy(() -> source(3).fetch(workspace("payments-prod"), Optional.empty()))
                .isInstanceOfSatisfying(StateSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo("not_found");
                    assertThat(e.getMessage())
                            .contains("no workspace 'payments-prod' in organization 'acme'")
                            .contains("token");
                    assertNoSecretLeaked(e);
                });

        tfc.stubFor(get(urlPathEqualTo(CURRENT)).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> source(3).fetch(workspace("ws-6jrRyVDv1J8zQMB5"), Optional.empty()))
                .isInstanceOfSatisfying(StateSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo("not_found");
                    assertThat(e.getMessage()).contains("has no state yet");
                });
    }

    @Test
    void a_refused_token_fails_at_once() {
        tfc.stubFor(get(urlPathEqualTo(WORKSPACE_PATH)).willReturn(aResponse().withStatus(401)));

        assertThatThrownBy(() -> source(3).fetch(workspace("payments-prod"), Optional.empty()))
                .isInstanceOfSatisfying(StateSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo("unauthorized");
                    assertThat(e.getMessage()).contains("terraformCloud.token");
                    assertNoSecretLeaked(e);
                });
        tfc.verify(1, getRequestedFor(urlPathEqualTo(WORKSPACE_PATH)));
    }

    @Test
    void a_state_version_still_being_processed_is_waited_for() throws Exception {
        stubHappyPath(corpusState());
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("processing")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(stateVersion("sv-new", 8, false, SIGNED)))
                .willSetStateTo("done"));
        tfc.stubFor(get(urlPathEqualTo(CURRENT))
                .inScenario("processing")
                .whenScenarioStateIs("done")
                .willReturn(okJson(stateVersion("sv-new", 8, true, SIGNED))));

        FetchedState fetched = source(3).fetch(workspace("payments-prod"), Optional.empty());

        assertThat(((FetchedState.Download) fetched).version()).contains(new StateVersion("sv-new", 8));
        tfc.verify(2, getRequestedFor(urlPathEqualTo(CURRENT)));
    }

    @Test
    void a_download_url_that_redirects_on_the_same_host_is_followed() throws Exception {
        stubHappyPath(corpusState());
        tfc.stubFor(get(urlPathEqualTo(SIGNED))
                .willReturn(aResponse().withStatus(307).withHeader("Location", "/storage/blob-1?sig=SIGNEDSIGNATURE")));
        tfc.stubFor(get(urlPathEqualTo("/storage/blob-1"))
                .willReturn(aResponse().withStatus(200).withBody(corpusState())));

        List<ResourceInstance> instances = new ArrayList<>();
        parse(source(3).fetch(workspace("payments-prod"), Optional.empty()), instances);

        assertThat(instances).isNotEmpty();
    }

    @Test
    void a_download_offered_from_another_host_is_refused() throws Exception {
        stubHappyPath(corpusState());
        tfc.stubFor(get(urlPathEqualTo(SIGNED))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://evil.example.com/steal?sig=SIGNEDSIGNATURE")));

        assertThatThrownBy(() -> source(3).fetch(workspace("payments-prod"), Optional.empty()))
                .isInstanceOfSatisfying(StateSourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo("untrusted_host");
                    assertThat(e.getMessage()).contains("evil.example.com").contains("not downloaded");
                    assertNoSecretLeaked(e);
                });
    }
}
