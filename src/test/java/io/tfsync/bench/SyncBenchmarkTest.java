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

/** The sync benchmark runs end to end on a small workspace and reports what each sync did. */
class SyncBenchmarkTest {

    @Test
    void a_small_run_reports_every_phase_with_the_counts_it_expects() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TestDatabase db = TestDatabases.sqlite()) {
            SyncBenchmark.run(
                    db.settings(),
                    new SyncBenchmark.Options(200, 2),
                    baseUrl -> new TfcStateSource(
                            new TerraformCloudConfig(baseUrl, Optional.of(new Secret("t"))),
                            SynchronizationConfig.defaults().retry()),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .contains("200 resource instances")
                .containsPattern("full sync \\(download.*\\+200 ~0 -0")
                .containsPattern("state emptied.*\\+0 ~0 -200")
                .containsPattern("version unchanged.*\\+0 ~0 -0")
                .containsPattern("1% of resources changed.*\\+0 ~2 -0")
                .containsPattern("same content.*\\+0 ~0 -0")
                // first full + 2 x (emptied + full) + 2 x (changed + same); the unchanged ones download nothing
                .contains("state downloads: 9");
    }
}
