package io.tfsync.config;

import static io.tfsync.config.ConfigFixture.resource;
import static io.tfsync.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.EntityRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final Map<String, String> ENV = Map.of(
            "TFC_TOKEN", "tfc-token-value",
            "DB_PASSWORD", "db-password-value",
            "GITHUB_TOKEN", "gh-token-value",
            "GITHUB_WEBHOOK_SECRET", "gh-hook-secret-value",
            "TFSYNC_SECRET_KEY", KEY,
            "SLACK_TOKEN", "xoxb-slack-token-value");

    @TempDir
    Path dir;

    @Test
    void a_full_configuration_loads_into_typed_records() {
        Path file = resource("full.yaml");
        TfsyncConfig config = ConfigLoader.load(file, ENV);

        assertThat(config.server()).isEqualTo(new ServerConfig(8080, "0.0.0.0", URI.create("http://localhost:7007")));
        assertThat(config.database().url()).isEqualTo("jdbc:postgresql://db.internal:5432/tfsync");
        assertThat(config.database().kind()).isEqualTo(DatabaseConfig.Kind.POSTGRESQL);
        assertThat(config.database().user()).contains("tfsync");
        assertThat(config.database().password()).contains(new Secret("db-password-value"));
        assertThat(config.database().schema()).contains("catalog");
        assertThat(config.terraformCloud())
                .isEqualTo(new TerraformCloudConfig(
                        URI.create("https://tfe.example.com"), Optional.of(new Secret("tfc-token-value"))));
        assertThat(config.github().webhookSecret()).contains(new Secret("gh-hook-secret-value"));
        assertThat(config.secrets().keyBytes())
                .hasValueSatisfying(k -> assertThat(k).hasSize(32));

        assertThat(config.auth().tokens()).hasSize(2);
        TokenConfig backstage = config.auth().token("backstage").orElseThrow();
        assertThat(backstage.sha256()).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(backstage.tenant()).isEqualTo("acme");
        assertThat(backstage.scopes()).containsExactlyInAnyOrder(Scope.CATALOG_READ, Scope.EVENTS_READ);
        assertThat(config.auth().token("operator").orElseThrow().scopes())
                .isEqualTo(Set.of(Scope.SYNC_WRITE, Scope.ADMIN));

        assertThat(config.workspaces())
                .containsExactly(
                        new WorkspaceConfig(
                                "payments-prod",
                                "acme",
                                "payments",
                                "default",
                                new EntityRef("group", "default", "payments-team"),
                                Optional.of(new EntityRef("system", "default", "payments")),
                                new SourceConfig.Tfc("acme", "payments-prod"),
                                Optional.of("0 */6 * * *"),
                                Optional.of("acme/payments-infra")),
                        new WorkspaceConfig(
                                "network-lab",
                                "acme",
                                "platform",
                                "lab",
                                new EntityRef("group", "lab", "platform-team"),
                                Optional.empty(),
                                new SourceConfig.File(file.getParent().resolve("states/network.tfstate")),
                                Optional.empty(),
                                Optional.empty()));

        assertThat(config.mapping().at("/types/aws_db_instance").asText()).isEqualTo("database");
        assertThat(config.mapping().at("/exclude/providers/0").asText()).isEqualTo("null");
        assertThat(config.mapping().at("/attributes").size()).isEqualTo(2);
        assertThat(config.events().retention()).isEqualTo(new EventsConfig.Retention(Duration.ofDays(7), 500_000));

        SynchronizationConfig sync = config.synchronization();
        assertThat(sync.webhooks().tfc().timeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(sync.webhooks().tfc().effectiveUrl(config.server()))
                .isEqualTo(URI.create("http://localhost:7007/api/sync/tfc-webhook"));
        assertThat(sync.webhooks().github().events()).containsExactly("push");
        assertThat(sync.scheduled()).isEqualTo(new SynchronizationConfig.Scheduled(true, "0 3 * * *", 2));
        assertThat(sync.drift()).isEqualTo(new SynchronizationConfig.Drift(true, false, "30 */4 * * MON-FRI"));
        assertThat(sync.retry())
                .isEqualTo(new SynchronizationConfig.Retry(
                        5, SynchronizationConfig.Backoff.LINEAR, Duration.ofMillis(500)));
        assertThat(sync.notifications().slack().channel()).isEqualTo("#infra");
        assertThat(sync.notifications().slack().notifyOnDrift()).isFalse();
        assertThat(sync.notifications().slack().active()).isTrue();
        assertThat(config.workspaces().get(1).effectiveSchedule(sync.scheduled()))
                .contains("0 3 * * *");
    }

    @Test
    void the_seed_synchronization_block_loads_unchanged_and_means_what_it_says() {
        TfsyncConfig config = ConfigLoader.load(
                resource("seed-synchronization.yaml"), Map.of("BACKSTAGE_URL", "https://backstage.acme.io"));
        SynchronizationConfig sync = config.synchronization();

        SynchronizationConfig.TfcWebhook tfc = sync.webhooks().tfc();
        assertThat(tfc.enabled()).isTrue();
        assertThat(tfc.url()).contains(URI.create("https://backstage.acme.io/api/sync/tfc-webhook"));
        assertThat(tfc.timeout()).isEqualTo(Duration.ofMillis(5000));
        SynchronizationConfig.GithubWebhook github = sync.webhooks().github();
        assertThat(github.enabled()).isTrue();
        assertThat(github.url()).contains(URI.create("https://backstage.acme.io/api/sync/github-webhook"));
        assertThat(github.events()).containsExactly("push", "repository");
        assertThat(sync.scheduled()).isEqualTo(new SynchronizationConfig.Scheduled(true, "0 */6 * * *", 5));
        assertThat(sync.drift()).isEqualTo(new SynchronizationConfig.Drift(true, true, "0 */12 * * *"));
        assertThat(sync.retry().maxAttempts()).isEqualTo(3);
        assertThat(sync.retry().backoff()).isEqualTo(SynchronizationConfig.Backoff.EXPONENTIAL);
        assertThat(sync.retry().baseDelay()).isEqualTo(Duration.ofMillis(2000));
        assertThat(sync.retry().delayAfter(1)).isEqualTo(Duration.ofMillis(2000));
        assertThat(sync.retry().delayAfter(2)).isEqualTo(Duration.ofMillis(4000));
        SynchronizationConfig.Slack slack = sync.notifications().slack();
        assertThat(slack.enabled()).isTrue();
        assertThat(slack.channel()).isEqualTo("#backstage-sync");
        assertThat(slack.notifyOnFailure()).isTrue();
        assertThat(slack.notifyOnDrift()).isTrue();
        // The seed gives Slack no destination: enabled, but nothing to post to.
        assertThat(slack.active()).isFalse();
    }

    @Test
    void the_seed_block_equals_the_defaults_apart_from_the_webhook_urls() {
        SynchronizationConfig loaded = ConfigLoader.load(
                        resource("seed-synchronization.yaml"), Map.of("BACKSTAGE_URL", "http://localhost:7007"))
                .synchronization();
        SynchronizationConfig defaults = SynchronizationConfig.defaults();
        assertThat(loaded.scheduled()).isEqualTo(defaults.scheduled());
        assertThat(loaded.drift()).isEqualTo(defaults.drift());
        assertThat(loaded.retry()).isEqualTo(defaults.retry());
        assertThat(loaded.notifications()).isEqualTo(defaults.notifications());
        ServerConfig server = ServerConfig.defaults();
        assertThat(loaded.webhooks().tfc().effectiveUrl(server))
                .isEqualTo(defaults.webhooks().tfc().effectiveUrl(server));
        assertThat(loaded.webhooks().github().effectiveUrl(server))
                .isEqualTo(defaults.webhooks().github().effectiveUrl(server));
    }

    @Test
    void the_committed_example_loads() {
        Path example = Path.of("examples/tfsync.yaml");
        TfsyncConfig config = ConfigLoader.load(example, Map.of());
        assertThat(config.server().port()).isEqualTo(7007);
        assertThat(config.database().sqliteFile())
                .contains(example.toAbsolutePath().getParent().resolve("tfsync-data/tfsync.db"));
        assertThat(config.workspaces()).extracting(WorkspaceConfig::id).containsExactly("network-prod");
        assertThat(config.workspaces().get(0).source())
                .isEqualTo(new SourceConfig.File(
                        example.toAbsolutePath().getParent().resolve("states/network.tfstate")));
    }

    @Test
    void an_empty_file_means_every_default_with_the_database_next_to_the_file() {
        TfsyncConfig config = ConfigLoader.load(write(dir, "# nothing yet\n"), Map.of());
        TfsyncConfig defaults = TfsyncConfig.defaults(dir.resolve("tfsync-data"));
        assertThat(config).isEqualTo(defaults);
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:" + dir.resolve("tfsync-data/tfsync.db"));
    }

    @Test
    void defaults_are_sqlite_in_the_data_folder_on_loopback_port_7007_without_tokens_or_workspaces() {
        TfsyncConfig config = TfsyncConfig.defaults(Path.of("/var/lib/tfsync"));
        assertThat(config.database().url()).isEqualTo("jdbc:sqlite:/var/lib/tfsync/tfsync.db");
        assertThat(config.database().sqliteFile()).contains(Path.of("/var/lib/tfsync/tfsync.db"));
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(7007);
        assertThat(config.server().baseUrl()).isEqualTo(URI.create("http://localhost:7007"));
        assertThat(config.auth().anonymous()).isTrue();
        assertThat(config.workspaces()).isEmpty();
        assertThat(config.synchronization()).isEqualTo(SynchronizationConfig.defaults());
        assertThat(TfsyncConfig.defaults().database().url()).isEqualTo("jdbc:sqlite:tfsync-data/tfsync.db");
    }

    @Test
    void omitted_keys_take_their_defaults() {
        TfsyncConfig config = ConfigLoader.load(write(dir, """
                        server: { port: 9090 }
                        workspaces:
                          - { id: w1, tenant: t, businessUnit: bu, owner: team-a, source: { type: tfc, organization: o, workspace: w } }
                        terraformCloud: { token: abc }
                        """), Map.of());
        assertThat(config.server()).isEqualTo(new ServerConfig(9090, "127.0.0.1", URI.create("http://localhost:9090")));
        assertThat(config.terraformCloud().baseUrl()).isEqualTo(URI.create("https://app.terraform.io"));
        WorkspaceConfig workspace = config.workspace("w1").orElseThrow();
        assertThat(workspace.namespace()).isEqualTo("default");
        assertThat(workspace.owner()).isEqualTo(EntityRef.parse("group:default/team-a"));
        assertThat(workspace.schedule()).isEmpty();
        assertThat(workspace.effectiveSchedule(config.synchronization().scheduled()))
                .contains("0 */6 * * *");
        assertThat(config.events()).isEqualTo(EventsConfig.defaults());
        assertThat(config.mapping().isObject()).isTrue();
        assertThat(config.mapping().isEmpty()).isTrue();
    }

    @Test
    void an_interpolated_number_or_boolean_is_read_as_one() {
        TfsyncConfig config = ConfigLoader.load(write(dir, """
                        server: { port: "${PORT:-7100}" }
                        synchronization:
                          scheduled: { enabled: "${SCHEDULED}" , max_concurrent: "${MAX}" }
                        """), Map.of("SCHEDULED", "false", "MAX", "9"));
        assertThat(config.server().port()).isEqualTo(7100);
        assertThat(config.synchronization().scheduled().enabled()).isFalse();
        assertThat(config.synchronization().scheduled().maxConcurrent()).isEqualTo(9);
    }

    @Test
    void an_unset_optional_value_falls_back_to_its_default() {
        TfsyncConfig config = ConfigLoader.load(write(dir, """
                        server: { port: "${PORT}", baseUrl: "${TFSYNC_BASE_URL}" }
                        terraformCloud: { token: "${TFC_TOKEN}" }
                        secrets: { key: "${TFSYNC_SECRET_KEY}" }
                        """), Map.of());
        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
        assertThat(config.terraformCloud().token()).isEmpty();
        assertThat(config.secrets().key()).isEmpty();
    }

    @Test
    void a_literal_dollar_brace_survives_in_a_value() {
        TfsyncConfig config =
                ConfigLoader.load(write(dir, "mapping: { types: { aws_x: \"$${resource.name}-x\" } }\n"), Map.of());
        assertThat(config.mapping().at("/types/aws_x").asText()).isEqualTo("${resource.name}-x");
    }

    @Test
    void relative_sqlite_paths_are_relative_to_the_configuration_file() {
        TfsyncConfig config = ConfigLoader.load(
                write(dir, "database: { url: \"jdbc:sqlite:data/catalog.db?journal_mode=WAL\" }\n"), Map.of());
        assertThat(config.database().url())
                .isEqualTo("jdbc:sqlite:" + dir.resolve("data/catalog.db") + "?journal_mode=WAL");
        assertThat(ConfigLoader.load(write(dir, "database: { url: \"jdbc:sqlite::memory:\" }\n"), Map.of())
                        .database()
                        .url())
                .isEqualTo("jdbc:sqlite::memory:");
    }

    @Test
    void another_port_moves_a_default_base_url_but_keeps_a_configured_one() {
        TfsyncConfig defaults = TfsyncConfig.defaults(dir);
        assertThat(defaults.withPort(0).server().baseUrl()).isEqualTo(URI.create("http://localhost:0"));
        assertThat(defaults.withPort(8081).server().baseUrl()).isEqualTo(URI.create("http://localhost:8081"));
        ServerConfig configured = new ServerConfig(7007, "0.0.0.0", URI.create("https://tfsync.acme.io"));
        assertThat(configured.withPort(8081).baseUrl()).isEqualTo(URI.create("https://tfsync.acme.io"));
    }

    @Test
    void records_never_show_a_secret_in_to_string() {
        TfsyncConfig config = ConfigLoader.load(resource("full.yaml"), ENV);
        String shown = config.toString();
        assertThat(shown).contains("payments-prod", "backstage");
        for (String secret : List.of(
                "tfc-token-value",
                "db-password-value",
                "gh-token-value",
                "gh-hook-secret-value",
                KEY,
                "xoxb-slack-token-value",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")) {
            assertThat(shown).doesNotContainIgnoringCase(secret);
        }
    }
}
