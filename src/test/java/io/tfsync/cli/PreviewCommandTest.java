package io.tfsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code tfsync preview}: entities on stdout (YAML or only a JSON array), a summary on stderr, and no
 * secret from the state anywhere: output, summary, logs or error messages.
 */
class PreviewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path STATES = Path.of("src/test/resources/states");
    /** Every secret value in the test states carries one of these. */
    private static final Pattern SECRET = Pattern.compile("S3CRET|S3CR3T");

    private ListAppender<ILoggingEvent> logs;

    @TempDir
    Path dir;

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private void assertNoSecret(CliTest.Run run) {
        assertThat(SECRET.matcher(run.out()).find()).as("stdout: %s", run.out()).isFalse();
        assertThat(SECRET.matcher(run.err()).find()).as("stderr: %s", run.err()).isFalse();
        for (ILoggingEvent event : logs.list) {
            assertThat(SECRET.matcher(event.getFormattedMessage()).find())
                    .as("log: %s", event.getFormattedMessage())
                    .isFalse();
        }
    }

    static Stream<String> secretStates() {
        return Stream.of(
                "secrets.tfstate", "secrets-show.json", "secrets-everywhere.tfstate", "secrets-everywhere-show.json");
    }

    @ParameterizedTest
    @MethodSource("secretStates")
    void no_secret_reaches_the_yaml_the_json_or_the_summary(String file) throws Exception {
        String path = STATES.resolve(file).toString();
        assertThat(Files.readString(STATES.resolve(file))).containsPattern(SECRET);

        CliTest.Run yaml = CliTest.run("preview", path);
        CliTest.Run json = CliTest.run("preview", path, "--format", "json");

        assertThat(yaml.exit()).as(yaml.err()).isZero();
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(yaml.out()).startsWith("---").contains("kind: Resource");
        assertThat(JSON.readTree(json.out()).size()).isPositive();
        assertNoSecret(yaml);
        assertNoSecret(json);
    }

    @ParameterizedTest
    @MethodSource("secretStates")
    void a_state_cut_right_after_a_secret_fails_without_showing_it(String file) throws Exception {
        String text = Files.readString(STATES.resolve(file));
        Matcher secret = SECRET.matcher(text);
        int cuts = 0;
        while (secret.find()) {
            int end = text.indexOf('"', secret.end()) + 1;
            Path cut = dir.resolve("cut-" + cuts++ + ".tfstate");
            Files.writeString(cut, text.substring(0, end));

            CliTest.Run run = CliTest.run("preview", cut.toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("line").doesNotContain("Exception").doesNotContain("\tat ");
            assertNoSecret(run);
        }
        assertThat(cuts).isPositive();
    }

    @Test
    void json_format_puts_only_the_array_on_stdout_and_the_summary_on_stderr() throws Exception {
        CliTest.Run run =
                CliTest.run("preview", STATES.resolve("secrets.tfstate").toString(), "--format", "json");

        JsonNode array = JSON.readTree(run.out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        assertThat(run.err())
                .contains("read 3 managed resource instances from")
                .contains("3 entities, 0 excluded by rule, 0 data sources skipped");
        JsonNode first = array.get(0);
        assertThat(first.at("/metadata/name").asText()).isEqualTo("secrets.aws_db_instance.main");
        assertThat(first.at("/metadata/annotations/terraform.io~1workspace").asText())
                .isEqualTo("secrets");
        assertThat(first.at("/spec/owner").asText()).isEqualTo("unknown");
        assertThat(first.at("/metadata/labels/tfsync.io~1tenant").asText()).isEqualTo("default");
    }

    @Test
    void a_workspace_name_and_stdin_are_accepted() throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(
                    Files.readString(STATES.resolve("secrets.tfstate")).getBytes(StandardCharsets.UTF_8)));
            CliTest.Run run = CliTest.run("preview", "-", "--workspace", "payments-prod", "--format", "json");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(JSON.readTree(run.out()).get(0).at("/metadata/name").asText())
                    .isEqualTo("payments-prod.aws_db_instance.main");
            assertThat(run.err()).contains("from standard input");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void with_a_config_the_workspace_settings_and_mapping_rules_apply() throws Exception {
        Path state = dir.resolve("payments.tfstate");
        Files.copy(STATES.resolve("secrets.tfstate"), state);
        Path config = dir.resolve("tfsync.yaml");
        Files.writeString(config, """
                workspaces:
                  - id: payments-prod
                    tenant: acme
                    businessUnit: payments
                    namespace: payments
                    owner: group:default/payments-team
                    source: { type: file, path: payments.tfstate }
                mapping:
                  exclude: { types: ["aws_iam_*"] }
                """);

        CliTest.Run run = CliTest.run(
                "preview",
                state.toString(),
                "--config",
                config.toString(),
                "--workspace",
                "payments-prod",
                "--format",
                "json");
        CliTest.Run unknown = CliTest.run("preview", state.toString(), "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode entities = JSON.readTree(run.out());
        assertThat(entities).hasSize(2);
        assertThat(run.err()).contains("1 excluded by rule");
        assertThat(entities.get(0).at("/metadata/namespace").asText()).isEqualTo("payments");
        assertThat(entities.get(0).at("/spec/owner").asText()).isEqualTo("group:default/payments-team");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no workspace 'payments'").contains("payments-prod");
    }

    @Test
    void a_missing_file_exits_2_and_a_state_of_another_kind_exits_1_with_a_sentence() {
        CliTest.Run missing = CliTest.run("preview", dir.resolve("nope.tfstate").toString());
        CliTest.Run encrypted = CliTest.run(
                "preview", STATES.resolve("opentofu-encrypted.tfstate").toString());

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no state file at").contains("nope.tfstate");
        assertThat(encrypted.exit()).isEqualTo(1);
        assertThat(encrypted.err()).contains("encrypted").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yaml", "json"})
    void every_corpus_state_previews(String format) throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Corpus.folder())) {
            files = listed.filter(f -> !f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        Pattern made = Pattern.compile(": (\\d+) entit");
        for (Path file : files) {
            CliTest.Run run = CliTest.run("preview", file.toString(), "--format", format);

            assertThat(run.exit()).as("%s: %s", file, run.err()).isZero();
            Matcher count = made.matcher(run.err());
            assertThat(count.find()).as(run.err()).isTrue();
            int expected = Integer.parseInt(count.group(1));
            int printed = format.equals("json")
                    ? JSON.readTree(run.out()).size()
                    : (int) run.out().lines().filter(l -> l.equals("---")).count();
            assertThat(printed).as(file.toString()).isEqualTo(expected);
        }
    }
}
