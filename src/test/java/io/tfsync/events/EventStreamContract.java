package io.tfsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.Application;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRef;
import io.tfsync.client.EventStreamClient;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.http.ApiToken;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.Trigger;
import io.tfsync.testing.Entities;
import io.tfsync.testing.PerClassDatabase;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestStates;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog event stream over HTTP, on each database (thin subclasses). */
public abstract class EventStreamContract extends PerClassDatabase {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "acme";
    static final String OTHER_TENANT = "globex";
    static final String ACME = "acme-events";
    static final String GLOBEX = "globex-events";
    static final Duration WAIT = Duration.ofSeconds(30);

    private TestApp app;

    @TempDir
    Path folder;

    @BeforeEach
    void start() {
        database().clear();
        app = TestApp.start(
                database().settings(),
                List.of(
                        new ApiToken("acme", sha256(ACME), TENANT, Set.of("catalog.read", "events.read", "sync.write")),
                        new ApiToken("globex", sha256(GLOBEX), OTHER_TENANT, Set.of("catalog.read", "events.read")),
                        new ApiToken("acme-catalog-only", sha256("acme-catalog"), TENANT, Set.of("catalog.read"))),
                TestApp.fileWorkspaces(List.of(
                        workspace("alpha", TENANT), workspace("beta", TENANT), workspace("gamma", OTHER_TENANT))),
                new Application.EventOptions(
                        io.tfsync.config.EventsConfig.Retention.defaults(),
                        Duration.ofHours(1),
                        Duration.ofMillis(200),
                        Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        app.close();
        database().removePlantedFailure();
    }

    static String sha256(String token) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private WorkspaceConfig workspace(String id, String tenant) {
        return new WorkspaceConfig(
                id,
                tenant,
                "payments",
                "default",
                EntityRef.parse("group:default/team-" + id),
                Optional.empty(),
                new SourceConfig.File(state(id)),
                Optional.empty(),
                Optional.empty());
    }

    Path state(String workspace) {
        return folder.resolve(workspace + ".tfstate");
    }

    SyncRecord sync(String workspace) throws InterruptedException {
        SyncRecord record = app.application().sync().runNow(workspace, Trigger.CLI, WAIT);
        assertThat(record.status().id())
                .as("sync of %s: %s", workspace, record.error())
                .isEqualTo("succeeded");
        return record;
    }

    HttpResponse<String> get(String pathAndQuery, String token, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        all.addAll(List.of(headers));
        return app.get(pathAndQuery, all.toArray(String[]::new));
    }

    JsonNode events(String query, String token) {
        HttpResponse<String> response = get("/api/catalog/events" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    /** type:entityRef of each event, in order. */
    static List<String> summary(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("events")
                .forEach(e -> out.add(
                        e.path("type").asText() + ":" + e.path("entityRef").asText()));
        return out;
    }

    /** ref → entity, as {@code GET /entities} shows them to the token. */
    Map<String, JsonNode> catalog(String token) {
        Map<String, JsonNode> out = new TreeMap<>();
        TestApp.json(get("/api/catalog/entities", token))
                .forEach(e -> out.put(
                        EntityRef.parse(e.path("kind").asText() + ":"
                                        + e.path("metadata").path("namespace").asText("default") + "/"
                                        + e.path("metadata").path("name").asText())
                                .key(),
                        e));
        return out;
    }

    long head(String token) {
        return Long.parseLong(get("/api/catalog/entities?limit=1", token)
                .headers()
                .firstValue("X-Catalog-Last-Event-Offset")
                .orElseThrow());
    }

    void group(String name) {
        app.entities()
                .apply(new ChangeSet(
                        TENANT, "catalog:test", List.of(Entities.group(name).build()), List.of()));
    }

    @Test
    void a_consumer_that_bootstraps_and_follows_while_syncs_run_ends_with_exactly_the_catalog() throws Exception {
        group("team-alpha");
        TestStates alpha = TestStates.state().bucket("logs", "team-a").buckets("shard", 3);
        alpha.write(state("alpha"));
        sync("alpha");

        Map<String, JsonNode> copy = new ConcurrentHashMap<>();
        AtomicLong position = new AtomicLong(-1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> offsets = java.util.Collections.synchronizedList(new ArrayList<>());
        EventStreamClient client = new EventStreamClient(URI.create(app.baseUrl()), Optional.of(ACME));
        Thread consumer = Thread.ofVirtual()
                .start(() -> client.follow(
                        -1,
                        Set.of(),
                        new EventStreamClient.Listener() {
                            @Override
                            public void bootstrapped(EventStreamClient.Snapshot snapshot) {
                                copy.clear();
                                snapshot.entities().forEach(e -> copy.put(refOf(e), e));
                                position.set(snapshot.offset());
                            }

                            @Override
                            public void event(EventStreamClient.Event event) {
                                offsets.add(event.offset());
                                if (event.type().equals("removed")) {
                                    copy.remove(event.entityRef());
                                } else {
                                    copy.put(event.entityRef(), event.entity());
                                }
                                position.set(event.offset());
                            }
                        },
                        running::get));
        try {
            await().atMost(WAIT).until(() -> position.get() >= 0);
            alpha.bucket("audit", "team-b").write(state("alpha")); // added
            sync("alpha");
            alpha.bucket("logs", "team-c").write(state("alpha")); // updated
            sync("alpha");
            alpha.without("aws_s3_bucket.shard").write(state("alpha")); // three removed, one kept
            sync("alpha");
            TestStates.state().bucket("beta-1", "team-d").write(state("beta"));
            sync("beta");
            group("team-beta"); // shows ownerOf relations from beta's resources
            TestStates.state().bucket("beta-2", "team-d").write(state("beta"));
            sync("beta");

            long end = head(ACME);
            await().atMost(WAIT).until(() -> position.get() >= end);
        } finally {
            running.set(false);
            consumer.interrupt(); // ends the long poll it is in
        }
        assertThat(copy).isEqualTo(catalog(ACME));
        assertThat(offsets).isSorted().doesNotHaveDuplicates();
        consumer.join(WAIT);
    }

    private static String refOf(JsonNode entity) {
        return EntityRef.parse(entity.path("kind").asText() + ":"
                        + entity.path("metadata").path("namespace").asText("default") + "/"
                        + entity.path("metadata").path("name").asText())
                .key();
    }

    @Test
    void each_change_is_one_event_and_the_same_state_again_is_none() throws Exception {
        TestStates alpha = TestStates.state().bucket("logs", "team-a").bucket("audit", "team-a");
        alpha.write(state("alpha"));
        sync("alpha");
        JsonNode first = events("", ACME);
        assertThat(summary(first))
                .containsExactly(
                        "added:resource:default/alpha.aws_s3_bucket.logs",
                        "added:resource:default/alpha.aws_s3_bucket.audit");
        long end = first.path("lastEventOffset").asLong();

        alpha.write(state("alpha")); // same content, new serial
        sync("alpha");
        assertThat(summary(events("?offset=" + end, ACME))).isEmpty();

        alpha.bucket("logs", "team-b").without("aws_s3_bucket.audit").write(state("alpha"));
        sync("alpha");
        JsonNode changes = events("?offset=" + end, ACME);
        assertThat(summary(changes))
                .containsExactly(
                        "updated:resource:default/alpha.aws_s3_bucket.logs",
                        "removed:resource:default/alpha.aws_s3_bucket.audit");
        JsonNode updated = changes.path("events").get(0);
        assertThat(updated.path("offset").asLong()).isEqualTo(end + 1);
        assertThat(updated.path("entity")).isEqualTo(catalog(ACME).get("resource:default/alpha.aws_s3_bucket.logs"));
        assertThat(changes.path("events").get(1).has("entity")).isFalse();
    }

    @Test
    void an_entity_whose_shown_relations_change_gets_an_updated_event() throws Exception {
        group("team-alpha");
        long before = head(ACME);
        TestStates.state().bucket("logs", "team-a").write(state("alpha"));
        sync("alpha");

        JsonNode page = events("?offset=" + before, ACME);
        assertThat(summary(page))
                .containsExactly("added:resource:default/alpha.aws_s3_bucket.logs", "updated:group:default/team-alpha");
        JsonNode group = page.path("events").get(1).path("entity");
        assertThat(group.path("relations").toString()).contains("ownerOf", "alpha.aws_s3_bucket.logs");
        assertThat(group).isEqualTo(catalog(ACME).get("group:default/team-alpha"));
    }

    @Test
    void a_failed_sync_leaves_the_stream_as_it_was() throws Exception {
        TestStates alpha = TestStates.state().bucket("logs", "team-a");
        alpha.write(state("alpha"));
        sync("alpha");
        long end = head(ACME);

        database().plantFailure();
        alpha.bucket("audit", "team-a").bucket("explode", "team-a").write(state("alpha"));
        SyncRecord failed = app.application().sync().runNow("alpha", Trigger.CLI, WAIT);

        assertThat(failed.status().id()).isEqualTo("failed");
        assertThat(head(ACME)).isEqualTo(end);
        assertThat(database().queryLong("SELECT COUNT(*) FROM events WHERE event_offset > ?", end))
                .isZero();
    }

    @Test
    void the_bootstrap_offset_of_every_list_is_the_end_of_the_log() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(state("alpha"));
        sync("alpha");
        long end = events("", ACME).path("lastEventOffset").asLong();

        assertThat(end).isPositive();
        assertThat(get("/api/catalog/entities", ACME).headers().firstValue("X-Catalog-Last-Event-Offset"))
                .hasValue(Long.toString(end));
        HttpResponse<String> query = get("/api/catalog/entities/by-query?limit=1", ACME);
        assertThat(query.headers().firstValue("X-Catalog-Last-Event-Offset")).hasValue(Long.toString(end));
        assertThat(TestApp.json(query).path("lastEventOffset").asLong()).isEqualTo(end);
    }

    @Test
    void filters_leave_gaps_but_lose_nothing_that_matches() throws Exception {
        group("team-alpha");
        TestStates.state().bucket("logs", "team-a").bucket("audit", "team-a").write(state("alpha"));
        sync("alpha");
        group("team-zeta");
        long end = head(ACME);

        JsonNode groups = events("?kind=Group", ACME);
        assertThat(summary(groups))
                .containsExactly(
                        "added:group:default/team-alpha",
                        "updated:group:default/team-alpha",
                        "added:group:default/team-zeta");
        assertThat(groups.path("lastEventOffset").asLong()).isEqualTo(end);

        // One event a page: each page's lastEventOffset moves past the gaps, nothing is lost.
        List<String> paged = new ArrayList<>();
        long offset = 0;
        while (offset < end) {
            JsonNode page = events("?kind=resource&limit=1&offset=" + offset, ACME);
            paged.addAll(summary(page));
            assertThat(page.path("lastEventOffset").asLong()).isGreaterThan(offset);
            offset = page.path("lastEventOffset").asLong();
        }
        assertThat(paged)
                .containsExactly(
                        "added:resource:default/alpha.aws_s3_bucket.logs",
                        "added:resource:default/alpha.aws_s3_bucket.audit");
        assertThat(summary(events("?namespace=other", ACME))).isEmpty();
        assertThat(summary(events("?namespace=DEFAULT&kind=group,resource", ACME)))
                .hasSize(5);
    }

    @Test
    void a_tenant_sees_only_its_own_events() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(state("alpha"));
        sync("alpha");
        TestStates.state().bucket("secrets", "team-g").write(state("gamma"));
        sync("gamma");

        assertThat(summary(events("", ACME))).containsExactly("added:resource:default/alpha.aws_s3_bucket.logs");
        JsonNode globex = events("", GLOBEX);
        assertThat(summary(globex)).containsExactly("added:resource:default/gamma.aws_s3_bucket.secrets");
        assertThat(globex.toString()).doesNotContain("alpha.aws");
        assertThat(get("/api/catalog/events", "acme-catalog").statusCode()).isEqualTo(403);
    }

    @Test
    void bad_input_is_a_clear_400_that_names_the_parameter() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(state("alpha"));
        sync("alpha");
        long end = head(ACME);

        assertBadRequest("?offset=-1", "offset", "negative");
        assertBadRequest("?offset=abc", "offset", "'abc'");
        assertBadRequest("?offset=" + (end + 5), "beyond the end", "the last offset is " + end);
        assertBadRequest("?wait=61", "wait", "maximum of 60 seconds");
        assertBadRequest("?wait=PT2M", "wait", "maximum of 60 seconds");
        assertBadRequest("?wait=soon", "wait", "ISO-8601");
        assertBadRequest("?kind=widget", "kind", "widget");
        assertBadRequest("?limit=0", "limit", "at least 1");
        assertBadRequest("?limit=10001", "limit", "10000");
        assertThat(TestApp.json(get("/api/catalog/events?offset=" + end, ACME)).path("events"))
                .isEmpty();
    }

    private void assertBadRequest(String query, String... words) {
        HttpResponse<String> response = get("/api/catalog/events" + query, ACME);
        assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(400);
        assertThat(TestApp.json(response).path("error").path("message").asText())
                .contains(words);
    }

    @Test
    void a_long_poll_answers_when_a_matching_event_commits_and_an_empty_page_when_the_wait_ends() throws Exception {
        TestStates alpha = TestStates.state().bucket("logs", "team-a");
        alpha.write(state("alpha"));
        sync("alpha");
        long end = head(ACME);

        JsonNode timedOut = events("?offset=" + end + "&wait=0.3", ACME);
        assertThat(timedOut.path("events")).isEmpty();
        assertThat(timedOut.path("lastEventOffset").asLong()).isEqualTo(end);

        // Another tenant's commit and a non-matching kind do not answer the poll; the next matching one does.
        var poll = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> events("?offset=" + end + "&kind=resource&wait=PT30S", ACME),
                runnable -> Thread.ofVirtual().start(runnable));
        await().atMost(WAIT).until(() -> app.application().events().signal().waiting() > 0);
        TestStates.state().bucket("elsewhere", "team-g").write(state("gamma"));
        sync("gamma");
        group("team-x");
        alpha.bucket("audit", "team-a").write(state("alpha"));
        sync("alpha");

        JsonNode page = poll.get();
        assertThat(summary(page)).containsExactly("added:resource:default/alpha.aws_s3_bucket.audit");

        String metrics = app.get("/metrics").body();
        assertThat(metrics)
                .contains("tfsync_events_appended_total", "tfsync_events_waiting ")
                .containsPattern("tfsync_events_wakeup_seconds_count [1-9]")
                .contains("tfsync_events_wakeup_seconds_bucket{le=");
    }

    @Test
    void a_secret_in_the_state_reaches_no_event() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode db = JSON.createObjectNode()
                .put("id", "main")
                .put("identifier", "main")
                .put("engine", "postgres")
                .put("password", "hunter2-in-the-state")
                .put("master_password", "hunter3-in-the-state");
        TestStates.state().resource("aws_db_instance", "main", db).write(state("alpha"));
        sync("alpha");

        String stream = get("/api/catalog/events", ACME).body();
        assertThat(stream).contains("alpha.aws_db_instance.main").doesNotContain("hunter2", "hunter3");
        String sse = String.join("\n", SseReader.read(app.baseUrl(), ACME, null, 1, Duration.ofSeconds(10)));
        assertThat(sse).contains("aws_db_instance").doesNotContain("hunter2", "hunter3");
    }

    @Test
    void retention_keeps_the_latest_event_of_each_entity_and_answers_410_below_its_floor() throws Exception {
        TestStates alpha = TestStates.state().bucket("logs", "team-a").bucket("audit", "team-a");
        alpha.write(state("alpha"));
        sync("alpha"); // 1, 2 added
        alpha.bucket("logs", "team-b").write(state("alpha"));
        sync("alpha"); // 3 logs updated
        alpha.without("aws_s3_bucket.audit").write(state("alpha"));
        sync("alpha"); // 4 audit removed
        alpha.bucket("tmp", "team-a").write(state("alpha"));
        sync("alpha"); // 5 tmp added
        assertThat(head(ACME)).isEqualTo(5);

        EventRetention retention = new EventRetention(
                app.application().events().log(),
                new io.tfsync.config.EventsConfig.Retention(Duration.ofDays(30), 1),
                new EventMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), new EventSignal()),
                java.time.Clock.systemUTC());
        assertThat(retention.run()).isEqualTo(3); // 1 (superseded), 2 and 4 (audit is gone); 3 is logs' latest

        HttpResponse<String> gone = get("/api/catalog/events?offset=2", ACME);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(TestApp.json(gone).path("earliestOffset").asLong()).isEqualTo(4);
        assertThat(TestApp.json(gone).path("error").path("message").asText()).contains("offset 2", "4");

        JsonNode replay = events("", ACME);
        assertThat(summary(replay))
                .containsExactly(
                        "updated:resource:default/alpha.aws_s3_bucket.logs",
                        "added:resource:default/alpha.aws_s3_bucket.tmp");
        assertThat(summary(events("?offset=4", ACME)))
                .containsExactly("added:resource:default/alpha.aws_s3_bucket.tmp");
        assertThat(retention.run()).isZero();
    }

    @Test
    void server_sent_events_carry_offsets_as_ids_and_resume_after_last_event_id() throws Exception {
        TestStates.state().bucket("a", "t").bucket("b", "t").bucket("c", "t").write(state("alpha"));
        sync("alpha");

        List<String> all = SseReader.read(app.baseUrl(), ACME, null, 3, Duration.ofSeconds(10));
        assertThat(all).filteredOn(l -> l.startsWith("id: ")).containsExactly("id: 1", "id: 2", "id: 3");
        assertThat(all).contains("event: added");
        assertThat(all.stream().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow())
                .contains("\"offset\":1", "\"entityRef\":\"resource:default/alpha.aws_s3_bucket.a\"");

        List<String> resumed = SseReader.read(app.baseUrl(), ACME, "2", 1, Duration.ofSeconds(10));
        assertThat(resumed).filteredOn(l -> l.startsWith("id: ")).first().isEqualTo("id: 3");

        List<String> idle = SseReader.readUntil(app.baseUrl(), ACME, "3", ": heartbeat", Duration.ofSeconds(10));
        assertThat(idle).contains(": heartbeat", "id: 3");

        HttpResponse<String> beyond =
                get("/api/catalog/events", ACME, "Accept", "text/event-stream", "Last-Event-ID", "99");
        assertThat(beyond.statusCode()).isEqualTo(400);
    }
}
