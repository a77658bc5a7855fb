package io.tfsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.Application;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.client.EventStreamClient;
import io.tfsync.config.EventsConfig;
import io.tfsync.testing.Entities;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two service instances on one PostgreSQL, both writing. The log's end is read only every ten
 * minutes here, so a waiting consumer on one instance can only wake in time through the other's
 * NOTIFY.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestDatabase database;
    private TestApp a;
    private TestApp b;

    @BeforeAll
    void start() {
        database = TestDatabases.postgres();
        Application.EventOptions onlyNotify = new Application.EventOptions(
                EventsConfig.Retention.defaults(), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(15));
        a = TestApp.start(database.settings(), List.of(), Application.SyncOptions.none(), onlyNotify);
        b = TestApp.start(database.settings(), List.of(), Application.SyncOptions.none(), onlyNotify);
    }

    @AfterAll
    void stop() {
        a.close();
        b.close();
        database.close();
    }

    private static void write(TestApp app, String tenant, String group) {
        app.entities()
                .apply(new ChangeSet(
                        tenant,
                        "catalog:" + group,
                        List.of(Entities.group(group).build()),
                        List.of()));
    }

    private static long head(TestApp app) {
        return TestApp.json(app.get("/api/catalog/events?limit=1&offset=0"))
                .path("lastEventOffset")
                .asLong();
    }

    @Test
    void a_consumer_waiting_on_one_instance_wakes_when_the_other_commits() throws Exception {
        long end = head(a);
        CompletableFuture<JsonNode> poll =
                CompletableFuture.supplyAsync(() -> TestApp.json(a.get("/api/catalog/events?wait=30&offset=" + end)));
        await().atMost(WAIT).until(() -> a.application().events().signal().waiting() > 0);

        write(b, "acme", "from-b");

        JsonNode page = poll.get();
        assertThat(page.path("events")).hasSize(1);
        assertThat(page.path("events").get(0).path("entityRef").asText()).isEqualTo("group:default/from-b");
    }

    @Test
    void consumers_on_either_instance_see_every_event_once_in_one_order_while_both_write() throws Exception {
        long start = head(a);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            TestApp writer = i % 2 == 0 ? a : b;
            String tenant = i % 3 == 0 ? "globex" : "acme";
            String name = "team-" + i;
            writers.add(CompletableFuture.runAsync(
                    () -> write(writer, tenant, name),
                    runnable -> Thread.ofVirtual().start(runnable)));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();

        List<String> viaA = follow(a, start, 40);
        List<String> viaB = follow(b, start, 40);

        assertThat(viaA).hasSize(40).doesNotHaveDuplicates().isEqualTo(viaB);
        List<Long> offsets =
                viaA.stream().map(e -> Long.parseLong(e.split(" ")[0])).toList();
        assertThat(offsets).isSorted();
        assertThat(offsets.getLast() - offsets.getFirst()).isEqualTo(39); // gapless: one counter, 40 commits
    }

    /** "offset entityRef" of the first {@code count} events after {@code from}, read with the client in pages. */
    private static List<String> follow(TestApp app, long from, int count) {
        EventStreamClient client = new EventStreamClient(URI.create(app.baseUrl()), Optional.empty());
        List<String> seen = new ArrayList<>();
        long position = from;
        while (seen.size() < count) {
            EventStreamClient.Page page = client.poll(position, Set.of(), Duration.ofSeconds(5));
            page.events().forEach(e -> seen.add(e.offset() + " " + e.entityRef()));
            position = page.lastEventOffset();
        }
        return seen;
    }
}
