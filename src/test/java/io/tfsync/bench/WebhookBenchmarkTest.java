package io.tfsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.config.Secret;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TerraformCloudConfig;
import io.tfsync.sources.TfcStateSource;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook benchmark runs end to end: each round's delivery reaches a waiting consumer as 10 updates. */
class WebhookBenchmarkTest {

    @Test
    void a_small_run_times_every_round_and_the_catalog_holds_the_last_rounds_state() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TestDatabase db = TestDatabases.sqlite()) {
            WebhookBenchmark.run(
                    db.settings(),
                    new WebhookBenchmark.Options(3, 12),
                    baseUrl -> new TfcStateSource(
                            new TerraformCloudConfig(baseUrl, Optional.of(new Secret("t"))),
                            SynchronizationConfig.defaults().retry()),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(db.queryLong("SELECT COUNT(*) FROM sync_runs WHERE status = 'succeeded'"))
                    .isEqualTo(4);
            assertThat(db.queryLong("SELECT COUNT(*) FROM events WHERE type = 'updated'"))
                    .isEqualTo(30);
            assertThat(db.queryLong("SELECT COUNT(*) FROM entities WHERE entity_json LIKE '%\"r3\"%'"))
                    .isEqualTo(10);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("3 rounds, 10 of 12 resources changed each, on sqlite")
                .containsPattern("delivery answered 202.*p50 +[0-9.]+ ms +p99")
                .containsPattern("all 10 updates on a waiting consumer's long poll +p50 +[0-9.]+ ms");
    }
}
