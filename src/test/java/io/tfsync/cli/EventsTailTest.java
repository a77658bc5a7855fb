package io.tfsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.EventsConfig;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.events.EventMetrics;
import io.tfsync.events.EventRetention;
import io.tfsync.events.EventSignal;
import io.tfsync.sync.Trigger;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfsync events tail} against a running service: one JSON event per line, live, and its errors. */
class EventsTailTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestDatabase database;
    private TestApp app;
    private TestStates state;

    @BeforeEach
    void start() throws Exception {
        database = TestDatabases.sqlite();
        app = TestApp.start(
                database.settings(),
                List.of(),
                TestApp.fileWorkspaces(List.of(new WorkspaceConfig(
                        "payments",
                        "acme",
                        "payments",
                        "default",
                        EntityRef.parse("group:default/team"),
                        Optional.empty(),
                        new SourceConfig.File(dir.resolve("payments.tfstate")),
                        Optional.empty(),
                        Optional.empty()))));
        state = TestStates.state().bucket("logs", "team-a").bucket("audit", "team-a");
        sync();
    }

    @AfterEach
    void stop() {
        app.close();
        database.close();
    }

    private void sync() throws InterruptedException {
        state.write(dir.resolve("payments.tfstate"));
        app.application().sync().runNow("payments", Trigger.CLI, WAIT);
    }

    /** Runs the command in a thread of its own, as a user runs it in a terminal, until stopped. */
    private static final class Tail {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;

        Tail(String... args) {
            thread = Thread.ofVirtual()
                    .start(() -> exit.set(Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true))));
        }

        List<String> lines() {
            String text = out.toString();
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }

        int stop() throws InterruptedException {
            thread.interrupt(); // Ctrl-C, as far as the command can tell
            thread.join(WAIT);
            return exit.get();
        }
    }

    @Test
    void tail_from_offset_0_prints_every_event_as_one_json_line_and_keeps_following() throws Exception {
        Tail tail = new Tail("events", "tail", "--url", app.baseUrl(), "--offset", "0");
        await().atMost(WAIT).until(() -> tail.lines().size() == 2);

        state.bucket("logs", "team-b");
        sync();
        await().atMost(WAIT).until(() -> tail.lines().size() == 3);
        assertThat(tail.stop()).isZero();

        List<String> lines = tail.lines();
        assertThat(JSON.readTree(lines.get(0)).path("type").asText()).isEqualTo("added");
        assertThat(JSON.readTree(lines.get(0)).path("offset").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(lines.get(2)).path("type").asText()).isEqualTo("updated");
        assertThat(JSON.readTree(lines.get(2)).path("entityRef").asText())
                .isEqualTo("resource:default/payments.aws_s3_bucket.logs");
        assertThat(JSON.readTree(lines.get(2))
                        .path("entity")
                        .path("spec")
                        .path("attributes")
                        .path("tags")
                        .toString())
                .contains("team-b");
        assertThat(tail.err.toString()).contains("following " + app.baseUrl() + " after offset 0");
    }

    @Test
    void tail_without_an_offset_starts_at_the_current_end_and_filters_by_kind() throws Exception {
        Tail tail = new Tail("events", "tail", "--url", app.baseUrl(), "--kind", "Resource");
        await().atMost(WAIT).until(() -> tail.err.toString().contains("after offset 2"));

        state.without("aws_s3_bucket.audit");
        sync();
        await().atMost(WAIT).until(() -> tail.lines().size() == 1);
        assertThat(tail.stop()).isZero();
        assertThat(JSON.readTree(tail.lines().getFirst()).path("type").asText()).isEqualTo("removed");
        assertThat(JSON.readTree(tail.lines().getFirst()).has("entity")).isFalse();
    }

    @Test
    void tail_behind_retention_says_so_and_goes_on() throws Exception {
        state.bucket("logs", "team-c");
        sync();
        new EventRetention(
                        app.application().events().log(),
                        new EventsConfig.Retention(Duration.ofDays(1), 1),
                        new EventMetrics(new SimpleMeterRegistry(), new EventSignal()),
                        Clock.systemUTC())
                .run();

        Tail tail = new Tail("events", "tail", "--url", app.baseUrl(), "--offset", "1");
        await().atMost(WAIT).until(() -> tail.err.toString().contains("retention removed events"));
        state.bucket("new", "team-c");
        sync();
        await().atMost(WAIT).until(() -> !tail.lines().isEmpty());
        assertThat(tail.stop()).isZero();
        assertThat(tail.lines().getFirst()).contains("\"added\"", "payments.aws_s3_bucket.new");
    }

    @Test
    void an_unreachable_service_or_a_bad_offset_is_a_clear_error() {
        CliTest.Run unreachable = CliTest.run("events", "tail", "--url", "http://127.0.0.1:1", "--offset", "0");
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err())
                .contains("cannot reach tfsync at http://127.0.0.1:1")
                .doesNotContain("Exception");

        CliTest.Run negative = CliTest.run("events", "tail", "--url", app.baseUrl(), "--offset", "-3");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("--offset -3 is negative");

        CliTest.Run beyond = CliTest.run("events", "tail", "--url", app.baseUrl(), "--offset", "99");
        assertThat(beyond.exit()).isEqualTo(1);
        assertThat(beyond.err()).contains("offset 99 is beyond the end of the event log; the last offset is 2");
    }
}
