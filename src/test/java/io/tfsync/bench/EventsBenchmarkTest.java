package io.tfsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tfsync.catalog.ChangeSet;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark's own bookkeeping on a small log; the figures themselves are not checked. */
class EventsBenchmarkTest {

    private static final EventsBenchmark.Options SMALL =
            new EventsBenchmark.Options(2_500, 3, 5, Duration.ofMillis(10), 25, Optional.of("128m"));

    @Test
    void a_small_run_reads_every_event_and_reports_every_phase() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TestDatabase db = TestDatabases.sqlite()) {
            EventsBenchmark.Result result =
                    EventsBenchmark.run(db.settings(), SMALL, new PrintStream(printed, true, StandardCharsets.UTF_8));

            // Two passes over HTTP and one of the store: 2,500 added events, and an updated one where a change set's
            // first entity depends on
            // the last of the one before.
            assertThat(result.reads()).hasSize(3).allSatisfy(read -> {
                assertThat(read.events()).isEqualTo(2_502);
                assertThat(read.pages()).isEqualTo(3);
            });
            assertThat(result.latencies()).singleElement().satisfies(latency -> {
                assertThat(latency.where()).isEqualTo("same instance");
                assertThat(latency.samples()).isEqualTo(15);
            });
            assertThat(result.idle()).hasValueSatisfying(idle -> {
                assertThat(idle.requests()).isEqualTo(25);
                assertThat(idle.waitingReported()).isEqualTo(25);
            });
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("read all, first pass")
                .contains("commit to consumer, same instance")
                .contains("25 waiting (tfsync_events_waiting 25)");
    }

    @Test
    void on_postgresql_the_writer_also_commits_through_a_second_instance() {
        try (TestDatabase db = TestDatabases.postgres()) {
            EventsBenchmark.Result result = EventsBenchmark.run(
                    db.settings(),
                    new EventsBenchmark.Options(300, 2, 3, Duration.ofMillis(10), 0, Optional.empty()),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

            assertThat(result.latencies())
                    .extracting(EventsBenchmark.Latency::where)
                    .containsExactly("same instance", "across instances");
            assertThat(result.latencies())
                    .allSatisfy(latency -> assertThat(latency.samples()).isEqualTo(6));
            assertThat(result.idle()).isEmpty();
        }
    }

    @Test
    void a_database_that_is_not_empty_is_refused() {
        try (TestDatabase db = TestDatabases.sqlite()) {
            db.store(InstantSource.system())
                    .entityRepository()
                    .apply(new ChangeSet("t", "s", List.of(CatalogBenchmark.resource(1)), List.of()));
            assertThatThrownBy(() -> EventsBenchmark.run(
                            db.settings(),
                            SMALL,
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                    .hasMessageContaining("already holds 1 entities");
        }
    }

    @Test
    void a_page_whose_offsets_do_not_rise_is_refused() {
        byte[] ok = """
                {"lastEventOffset": 12, "events": [
                  {"type": "added", "offset": 11, "entityRef": "resource:default/a", "entity": {"spec": {"x": [1]}}},
                  {"type": "removed", "offset": 12, "entityRef": "resource:default/b"}]}
                """.getBytes(StandardCharsets.UTF_8);
        assertThat(EventsPage.parse(ok, 10))
                .isEqualTo(new EventsPage(12, List.of("resource:default/a", "resource:default/b")));
        assertThatThrownBy(() -> EventsPage.parse(ok, 11)).hasMessageContaining("event offset 11 does not follow 11");
    }

    @Test
    void the_waiting_gauge_is_read_from_prometheus_text() {
        String metrics = """
                # HELP tfsync_events_waiting Requests in a long poll now
                # TYPE tfsync_events_waiting gauge
                tfsync_events_waiting 10000.0
                tfsync_events_waiting_other 3.0
                """;
        assertThat(IdleLongPolls.waiting(metrics)).isEqualTo(10_000);
    }
}
