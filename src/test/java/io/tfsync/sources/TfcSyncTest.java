package io.tfsync.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.Secret;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TerraformCloudConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncService;
import io.tfsync.sync.SyncStatus;
import io.tfsync.sync.Trigger;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A sync from Terraform Cloud (WireMock) into PostgreSQL: the run id is recorded, an unchanged version not fetched. */
class TfcSyncTest {

    @Test
    void a_workspace_syncs_from_terraform_cloud_and_an_unchanged_version_is_not_downloaded_again() throws Exception {
        WireMockServer tfc = new WireMockServer(wireMockConfig().dynamicPort());
        tfc.start();
        try (TestDatabase db = TestDatabases.postgres()) {
            tfc.stubFor(get(urlPathEqualTo("/api/v2/organizations/acme/workspaces/payments-prod"))
                    .willReturn(okJson("{\"data\": {\"id\": \"ws-1\", \"type\": \"workspaces\","
                            + " \"attributes\": {\"name\": \"payments-prod\"}}}")));
            tfc.stubFor(get(urlPathEqualTo("/api/v2/workspaces/ws-1/current-state-version"))
                    .willReturn(okJson("{\"data\": {\"id\": \"sv-1\", \"type\": \"state-versions\", \"attributes\":"
                            + " {\"serial\": 3, \"resources-processed\": true, \"hosted-state-download-url\": \""
                            + tfc.baseUrl() + "/_archivist/v1/object/abc\"}, \"relationships\": {\"run\":"
                            + " {\"data\": {\"id\": \"run-42\", \"type\": \"runs\"}}}}}")));
            tfc.stubFor(get(urlPathEqualTo("/_archivist/v1/object/abc"))
                    .willReturn(aResponse()
                            .withBody(TestStates.state()
                                    .bucket("logs", "team-a")
                                    .buckets("shard", 3)
                                    .json())));
            WorkspaceConfig workspace = new WorkspaceConfig(
                    "payments-prod",
                    "acme",
                    "payments",
                    "default",
                    EntityRef.parse("group:default/payments-team"),
                    Optional.empty(),
                    new SourceConfig.Tfc("acme", "payments-prod"),
                    Optional.empty(),
                    Optional.empty());
            try (SyncService sync = new SyncService(
                    db.store(InstantSource.system()).syncRepository(),
                    List.of(workspace),
                    new StateSources(
                            new FileStateSource(),
                            new TfcStateSource(
                                    new TerraformCloudConfig(URI.create(tfc.baseUrl()), Optional.of(new Secret("t"))),
                                    SynchronizationConfig.defaults().retry())),
                    null,
                    new SimpleMeterRegistry(),
                    InstantSource.system(),
                    new SyncService.Settings(
                            "test",
                            Duration.ofSeconds(30),
                            Duration.ZERO,
                            SynchronizationConfig.defaults().scheduled()))) {

                SyncRecord first = sync.runNow("payments-prod", Trigger.WEBHOOK, Duration.ofSeconds(30));
                SyncRecord second = sync.runNow("payments-prod", Trigger.SCHEDULED, Duration.ofSeconds(30));

                assertThat(first.status()).isEqualTo(SyncStatus.SUCCEEDED);
                assertThat(first.counts()).isEqualTo("+4 ~0 -0");
                assertThat(first.runId()).contains("run-42");
                assertThat(second.status()).isEqualTo(SyncStatus.SUCCEEDED);
                assertThat(second.counts()).isEqualTo("+0 ~0 -0");
                tfc.verify(1, getRequestedFor(urlPathEqualTo("/_archivist/v1/object/abc")));
                assertThat(db.queryLong("SELECT COUNT(*) FROM entities WHERE owner_source = 'workspace:payments-prod'"))
                        .isEqualTo(4);
            }
        } finally {
            tfc.stop();
        }
    }
}
