package io.tfsync.config;

import static io.tfsync.config.ConfigFixture.failure;
import static io.tfsync.config.ConfigFixture.problem;
import static io.tfsync.config.ConfigFixture.resource;
import static io.tfsync.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsTest {

    @TempDir
    Path dir;

    @Test
    void a_missing_file_is_named_with_what_was_expected() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = failure(missing, Map.of());
        assertThat(e.file()).isEqualTo(missing);
        assertThat(e.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isZero());
        assertThat(e.getMessage()).startsWith(missing + ": no such file; expected a YAML configuration file");
    }

    @Test
    void a_broken_mapping_block_is_refused_at_load_naming_the_key() {
        ConfigException e = failure(dir, """
                mapping:
                  exclude: ["aws_iam_*"]
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.keyPath()).isEqualTo("mapping.exclude");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("types and/or providers");
        });
    }

    @Test
    void a_folder_is_not_a_configuration_file() {
        assertThat(failure(dir, Map.of()).getMessage())
                .isEqualTo(dir + ": is a folder; expected a YAML configuration file");
    }

    @Test
    void a_yaml_syntax_error_has_the_parsers_line_and_column() {
        ConfigException e = failure(dir, """
                server:
                  port: 7007
                database: { url: "jdbc:sqlite:x.db"
                events: {}
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.keyPath()).isEmpty();
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).startsWith("YAML syntax error: ");
        });
        assertThat(e.getMessage()).startsWith(dir.resolve("tfsync.yaml") + ":4:");
    }

    @Test
    void wrong_types_say_what_was_expected_and_what_was_found() {
        ConfigException e = failure(dir, """
                server: { port: "7007", host: 127.0.0.1 }
                synchronization:
                  scheduled: { enabled: maybe }
                  drift: [1, 2]
                events: { retention: { maxEvents: 1.5 } }
                """);
        problem(e, "server.port", 1, 17, "expected an integer, got a string");
        problem(e, "synchronization.scheduled.enabled", 3, 25, "expected true or false, got a string");
        problem(e, "synchronization.drift", 4, 10, "expected a mapping of keys, got a list");
        problem(e, "events.retention.maxEvents", 5, 35, "expected an integer, got a decimal number");
        assertThat(e.problems()).hasSize(4);
    }

    @Test
    void a_file_that_is_not_a_mapping_is_reported() {
        problem(failure(dir, "- just\n- a list\n"), "", 1, 1, "must be a mapping of keys");
    }

    @Test
    void an_out_of_range_port_says_the_range() {
        problem(
                failure(dir, "server: { port: 70000 }\n"),
                "server.port",
                1,
                17,
                "must be between 0 and 65535, got 70000");
        problem(failure(dir, "server: { port: -1 }\n"), "server.port", 1, 17, "must be between 0 and 65535, got -1");
    }

    @Test
    void a_database_url_must_be_sqlite_or_postgresql() {
        ConfigException e = failure(dir, "database: { url: \"jdbc:mysql://db/tfsync?password=hunter2\" }\n");
        problem(
                e,
                "database.url",
                1,
                18,
                "unsupported database URL (jdbc:mysql:...)",
                "jdbc:sqlite:",
                "jdbc:postgresql:");
        assertThat(e.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void postgresql_settings_on_sqlite_are_reported() {
        ConfigException e = failure(dir, "database: { url: \"jdbc:sqlite:x.db\", user: tfsync, schema: s }\n");
        problem(e, "database.user", 1, 44, "applies only to a jdbc:postgresql: database");
        problem(e, "database.schema", 1, 60, "applies only to a jdbc:postgresql: database");
    }

    @Test
    void the_secret_key_must_be_base64_of_32_bytes() {
        problem(
                failure(dir, "secrets: { key: \"not base64!\" }\n"),
                "secrets.key",
                1,
                17,
                "base64 of 32 random bytes",
                "it is not base64");
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        problem(
                failure(dir, "secrets: { key: \"" + short16 + "\" }\n"),
                "secrets.key",
                1,
                17,
                "it decodes to 16 bytes");
    }

    @Test
    void tokens_need_a_64_hex_sha256_known_scopes_and_distinct_names() {
        ConfigException e = failure(dir, """
                auth:
                  tokens:
                    - { name: backstage, sha256: "abc123", tenant: acme, scopes: [catalog.read, catalog.write] }
                    - name: backstage
                      sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                      tenant: acme
                      scopes: []
                """);
        problem(
                e,
                "auth.tokens[0].sha256",
                3,
                34,
                "expected the SHA-256 of the token as 64 hex characters",
                "got 6 characters");
        problem(
                e,
                "auth.tokens[0].scopes[1]",
                3,
                81,
                "unknown scope 'catalog.write'",
                "expected one of: catalog.read, events.read, sync.write, admin");
        problem(e, "auth.tokens[1].name", 4, 13, "duplicate token name 'backstage'");
        problem(e, "auth.tokens[1].scopes", 7, 15, "at least one scope is required");
    }

    @Test
    void an_unknown_key_is_an_error_with_a_suggestion_when_one_is_close() {
        ConfigException e = failure(dir, """
                server: { prot: 7007, colour: red }
                terraformCloud: { base_url: "https://app.terraform.io" }
                workspace: []
                synchronization:
                  retry: { maxAttempts: 4 }
                """);
        problem(e, "server.prot", 1, 11, "unknown key 'prot'; did you mean 'port'?");
        problem(e, "server.colour", 1, 23, "unknown key 'colour'; expected one of: port, host, baseUrl");
        problem(e, "terraformCloud.base_url", 2, 19, "did you mean 'baseUrl'?");
        problem(e, "workspace", 3, 1, "did you mean 'workspaces'?");
        problem(e, "synchronization.retry.maxAttempts", 5, 12, "did you mean 'max_attempts'?");
    }

    @Test
    void every_problem_is_reported_in_file_order_not_only_the_first() {
        ConfigException e = failure(dir, """
                events: { retention: { maxAge: "30 days" } }
                server: { port: 99999 }
                synchronization:
                  retry: { backoff: random, base_delay: 0 }
                  drift: { check_interval: "every hour" }
                """);
        assertThat(e.problems())
                .extracting(ConfigProblem::keyPath)
                .containsExactly(
                        "events.retention.maxAge",
                        "server.port",
                        "synchronization.retry.backoff",
                        "synchronization.retry.base_delay",
                        "synchronization.drift.check_interval");
        assertThat(e.getMessage().lines()).hasSize(5);
        problem(e, "events.retention.maxAge", 1, 32, "ISO-8601 duration such as P30D", "got '30 days'");
        problem(
                e,
                "synchronization.retry.backoff",
                4,
                21,
                "unknown backoff 'random'; expected one of: exponential," + " fixed, linear");
        problem(e, "synchronization.retry.base_delay", 4, 41, "must be between 1 and");
        problem(e, "synchronization.drift.check_interval", 5, 28, "invalid cron expression 'every hour'");
    }

    @Test
    void the_seed_block_without_its_url_variable_says_where_the_broken_url_came_from() {
        ConfigException e = failure(resource("seed-synchronization.yaml"), Map.of());
        problem(
                e,
                "synchronization.webhooks.tfc.url",
                7,
                12,
                "expected an absolute http(s) URL",
                "'/api/sync/tfc-webhook'",
                "the value came from ${BACKSTAGE_URL}, which is not set");
        problem(e, "synchronization.webhooks.github.url", 11, 12, "${BACKSTAGE_URL}, which is not set");
    }

    @Test
    void a_disabled_webhook_does_not_need_a_valid_url() {
        TfsyncConfig config = ConfigLoader.load(write(dir, """
                synchronization:
                  webhooks:
                    tfc: { enabled: false, url: "${BACKSTAGE_URL}/api/sync/tfc-webhook" }
                """), Map.of());
        assertThat(config.synchronization().webhooks().tfc().enabled()).isFalse();
    }

    @Test
    void an_unhandled_github_event_is_reported() {
        problem(
                failure(dir, "synchronization: { webhooks: { github: { events: [push, pull_request] } } }\n"),
                "synchronization.webhooks.github.events[1]",
                1,
                57,
                "unknown or unhandled GitHub event 'pull_request'",
                "expected one of: push, repository");
    }

    @Test
    void a_required_value_from_an_unset_variable_says_so() {
        ConfigException e = failure(write(dir, """
                auth:
                  tokens:
                    - { name: ci, sha256: "${CI_TOKEN_SHA256}", tenant: acme, scopes: [sync.write] }
                """), Map.of());
        problem(
                e,
                "auth.tokens[0].sha256",
                3,
                27,
                "must not be empty",
                "the value came from ${CI_TOKEN_SHA256}, which is not set");
    }

    @Test
    void duplicate_keys_a_second_document_and_broken_references_are_reported() {
        ConfigException e = failure(dir, """
                server: { port: 7007 }
                server: { port: 7008 }
                mapping: { types: { aws_db: "${UNCLOSED" } }
                ---
                other: 1
                """);
        problem(e, "server", 2, 1, "duplicate key; it is already set at line 1");
        problem(e, "mapping.types.aws_db", 3, 29, "has no closing '}'");
        problem(e, "", 5, 1, "holds one YAML document; found a second one");
    }
}
