package io.tfsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.TestStates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfsync sync WORKSPACE}: counts on stdout, exit 0/1/2, one sentence on failure. */
class SyncCommandTest {

    @TempDir
    Path dir;

    /** The configuration, with every state it names present (the loader checks they exist). */
    private Path config() throws Exception {
        Path payments = dir.resolve("states/payments.tfstate");
        if (!Files.exists(payments)) {
            TestStates.state().write(payments);
        }
        Files.createDirectories(dir.resolve("states/regions"));
        Path config = dir.resolve("tfsync.yaml");
        Files.writeString(config, """
                database: { url: "jdbc:sqlite:%s" }
                workspaces:
                  - id: payments-prod
                    tenant: acme
                    businessUnit: payments
                    owner: group:default/payments-team
                    source: { type: file, path: states/payments.tfstate }
                  - id: regions
                    tenant: acme
                    businessUnit: platform
                    owner: group:default/platform-team
                    source: { type: file, path: states/regions }
                """.formatted(dir.resolve("tfsync.db")));
        return config;
    }

    @Test
    void a_sync_prints_its_counts_and_a_second_one_writes_nothing() throws Exception {
        TestStates state = TestStates.state().bucket("logs", "team-a").buckets("shard", 2);
        state.write(dir.resolve("states/payments.tfstate"));
        Path config = config();

        CliTest.Run first = CliTest.run("sync", "payments-prod", "--config", config.toString());
        CliTest.Run second = CliTest.run("sync", "payments-prod", "--config", config.toString());

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out().strip()).isEqualTo("+3 ~0 -0");
        assertThat(second.out().strip()).isEqualTo("+0 ~0 -0");
    }

    @Test
    void a_folder_source_is_one_workspace_per_state_file() throws Exception {
        TestStates.state().bucket("eu", "team-a").write(dir.resolve("states/regions/eu-west.tfstate"));
        TestStates.state().bucket("us", "team-a").write(dir.resolve("states/regions/us-east.tfstate"));
        Path config = config();

        CliTest.Run eu = CliTest.run("sync", "regions-eu-west", "--config", config.toString());
        CliTest.Run folder = CliTest.run("sync", "regions", "--config", config.toString());

        assertThat(eu.exit()).as(eu.err()).isZero();
        assertThat(eu.out().strip()).isEqualTo("+1 ~0 -0");
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.err()).contains("regions-eu-west").contains("regions-us-east");
    }

    @Test
    void an_unknown_workspace_exits_2_naming_the_configured_ones() throws Exception {
        CliTest.Run run = CliTest.run("sync", "nope", "--config", config().toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'nope'").contains("payments-prod").doesNotContain("Exception");
    }

    @Test
    void a_broken_state_exits_1_with_a_sentence_naming_the_workspace() throws Exception {
        Path config = config();
        Files.writeString(dir.resolve("states/payments.tfstate"), "{\"version\": 4, \"resources\": [");

        CliTest.Run run = CliTest.run("sync", "payments-prod", "--config", config.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("payments-prod")
                .contains("failed")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }
}
