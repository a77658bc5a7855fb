package io.tfsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tfsync.Application;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.FileStateSource;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.StateSourceException;
import io.tfsync.testing.TestApp;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import io.tfsync.testing.TestStates;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several whole services on one PostgreSQL schema, as in production: triggers reach any of them,
 * and still each workspace's syncs run one after another, triggers during a sync make exactly one
 * follow-up, and workspaces do not wait for or touch each other.
 *
 * <p>A sync is held in the middle by a state source that makes the reads of some workspaces wait:
 * the sync is claimed and running, and waits in its read until the test lets it through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceSyncTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestDatabase database;
    private SyncRepository repository;
    private final List<TestApp> apps = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "multi-instance-test");
        thread.setDaemon(true);
        return thread;
    });

    /** Workspaces whose reads wait for a permit; one permit lets one sync read its state. */
    private final Map<String, Semaphore> holds = new ConcurrentHashMap<>();

    private final StateSource heldReads = (workspace, last) -> {
        Semaphore hold = holds.get(workspace.id());
        if (hold != null && !hold.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new StateSourceException("timeout", "the test never let the read of " + workspace.id() + " through");
        }
        return new FileStateSource().fetch(workspace, last);
    };

    @TempDir
    Path folder;

    @BeforeAll
    void openOnce() {
        database = TestDatabases.postgres();
        repository = database.store(InstantSource.system()).syncRepository();
    }

    @AfterAll
    void closeOnce() {
        threads.shutdownNow();
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @AfterEach
    void stopInstances() {
        holds.values().forEach(hold -> hold.release(1000));
        holds.clear();
        apps.forEach(TestApp::close);
        apps.clear();
    }

    private TestApp instance(WorkspaceConfig... workspaces) {
        Application.SyncOptions files = TestApp.fileWorkspaces(List.of(workspaces));
        TestApp app = TestApp.start(
                database.settings(),
                List.of(),
                new Application.SyncOptions(
                        files.workspaces(),
                        files.mapping(),
                        heldReads,
                        files.scheduled(),
                        files.lease(),
                        files.pollInterval()));
        apps.add(app);
        return app;
    }

    private WorkspaceConfig fileWorkspace(String id, TestStates state) {
        return SyncFixture.workspace(id, state.write(folder.resolve(id + ".tfstate")));
    }

    /**
     * A workspace each of whose syncs, once claimed and running, waits in its read until the test
     * {@link #letThrough lets it through} with the state to read.
     */
    private WorkspaceConfig heldWorkspace(String id) {
        holds.put(id, new Semaphore(0));
        return SyncFixture.workspace(id, folder.resolve(id + ".tfstate"));
    }

    /** Lets one read of the held workspace through (now, or as soon as it comes), with this state. */
    private void letThrough(String workspace, TestStates state) {
        state.write(folder.resolve(workspace + ".tfstate"));
        holds.get(workspace).release();
    }

    private static String trigger(TestApp app, String workspace) {
        HttpResponse<String> response = app.post("/api/sync/workspaces/" + workspace + "/sync", null, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return TestApp.json(response).get("syncId").asText();
    }

    /** Sends each (instance, workspace) trigger from its own thread, all released at once. */
    private List<String> triggerAtOnce(List<Map.Entry<TestApp, String>> triggers) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> sent = new ArrayList<>();
        for (Map.Entry<TestApp, String> t : triggers) {
            sent.add(threads.submit(() -> {
                go.await();
                return trigger(t.getKey(), t.getValue());
            }));
        }
        go.countDown();
        List<String> ids = new ArrayList<>();
        for (Future<String> f : sent) {
            ids.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        return ids;
    }

    private static List<Map.Entry<TestApp, String>> each(int times, String workspace, TestApp... instances) {
        List<Map.Entry<TestApp, String>> triggers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            for (TestApp app : instances) {
                triggers.add(Map.entry(app, workspace));
            }
        }
        return triggers;
    }

    private SyncRecord sync(String syncId) {
        return repository.byId(TenantScope.ALL, syncId).orElseThrow();
    }

    private void awaitStatus(String syncId, SyncStatus status) {
        await("sync " + syncId + " " + status)
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(sync(syncId).status()).isEqualTo(status));
    }

    private List<SyncRecord> history(String workspace) {
        return repository.history(TenantScope.ALL, Optional.of(workspace), 500);
    }

    private void awaitIdle(String workspace) {
        await("no sync of " + workspace + " queued or running")
                .atMost(WAIT)
                .until(() ->
                        history(workspace).stream().allMatch(r -> r.status().finished()));
    }

    private List<List<String>> rows(String workspace) {
        return database.queryRows(
                "SELECT entity_ref, etag, updated_at FROM entities WHERE owner_source = ? ORDER BY entity_ref",
                "workspace:" + workspace);
    }

    /** Each sync started after the one before it had finished. */
    private static void assertOneAfterAnother(List<SyncRecord> history) {
        List<SyncRecord> byStart = history.stream()
                .sorted(Comparator.comparing(r -> r.startedAt().orElseThrow()))
                .toList();
        for (int i = 1; i < byStart.size(); i++) {
            SyncRecord before = byStart.get(i - 1);
            SyncRecord after = byStart.get(i);
            assertThat(after.startedAt().orElseThrow())
                    .as("sync %s started before sync %s had finished", after.syncId(), before.syncId())
                    .isAfterOrEqualTo(before.finishedAt().orElseThrow());
        }
    }

    @Test
    void the_same_trigger_sent_to_two_instances_at_once_runs_one_sync_at_a_time() throws Exception {
        WorkspaceConfig a = fileWorkspace("a", TestStates.state().buckets("b", 30));
        TestApp one = instance(a);
        TestApp two = instance(a);
        Set<String> answered = new HashSet<>();

        for (int round = 0; round < 8; round++) {
            answered.addAll(triggerAtOnce(each(3, "a", one, two)));
            awaitIdle("a");
        }

        List<SyncRecord> history = history("a");
        assertThat(history).extracting(SyncRecord::status).containsOnly(SyncStatus.SUCCEEDED);
        assertThat(history).extracting(SyncRecord::syncId).containsAll(answered);
        assertThat(history).hasSizeBetween(8, 8 * 6);
        assertOneAfterAnother(history);
        // Only the first sync had anything to add; a second one running alongside it would too.
        assertThat(history.stream().mapToInt(SyncRecord::added).sum()).isEqualTo(30);
        assertThat(rows("a")).hasSize(30);
    }

    @Test
    void triggers_sent_to_two_instances_while_a_sync_runs_make_exactly_one_follow_up() throws Exception {
        WorkspaceConfig slow = heldWorkspace("slow");
        TestApp one = instance(slow);
        TestApp two = instance(slow);
        TestStates state = TestStates.state().buckets("b", 20);

        String running = trigger(one, "slow");
        awaitStatus(running, SyncStatus.RUNNING);
        List<String> queued = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            queued.addAll(triggerAtOnce(each(4, "slow", one, two)));
        }

        assertThat(queued).hasSize(24).doesNotContain(running);
        assertThat(Set.copyOf(queued)).hasSize(1);
        String followUp = queued.getFirst();
        assertThat(sync(followUp).status()).isEqualTo(SyncStatus.QUEUED);
        assertThat(sync(running).status()).isEqualTo(SyncStatus.RUNNING);

        letThrough("slow", state);
        awaitStatus(running, SyncStatus.SUCCEEDED);
        awaitStatus(followUp, SyncStatus.RUNNING);
        assertThat(history("slow")).extracting(SyncRecord::syncId).containsExactly(followUp, running);

        letThrough("slow", state);
        awaitStatus(followUp, SyncStatus.SUCCEEDED);
        List<SyncRecord> history = history("slow");
        assertThat(history).extracting(SyncRecord::syncId).containsExactly(followUp, running);
        assertThat(history).extracting(SyncRecord::counts).containsExactly("+0 ~0 -0", "+20 ~0 -0");
        assertOneAfterAnother(history);
    }

    @Test
    void two_workspaces_triggered_at_once_on_two_instances_both_run_and_keep_their_own_entities() throws Exception {
        WorkspaceConfig x = heldWorkspace("x");
        WorkspaceConfig y = heldWorkspace("y");
        TestApp one = instance(x, y);
        TestApp two = instance(x, y);

        List<String> first = triggerAtOnce(List.of(Map.entry(one, "x"), Map.entry(two, "y")));
        // Both held in their reads at once: neither workspace waits for the other.
        awaitStatus(first.get(0), SyncStatus.RUNNING);
        awaitStatus(first.get(1), SyncStatus.RUNNING);
        letThrough("x", TestStates.state().buckets("b", 10));
        letThrough("y", TestStates.state().buckets("b", 12));
        awaitStatus(first.get(0), SyncStatus.SUCCEEDED);
        awaitStatus(first.get(1), SyncStatus.SUCCEEDED);
        assertThat(rows("x")).hasSize(10).allMatch(r -> r.getFirst().startsWith("resource:default/x."));
        assertThat(rows("y")).hasSize(12).allMatch(r -> r.getFirst().startsWith("resource:default/y."));
        List<List<String>> yBefore = rows("y");

        // x shrinks while y syncs again, the other way round across the instances.
        List<String> second = triggerAtOnce(List.of(Map.entry(two, "x"), Map.entry(one, "y")));
        awaitStatus(second.get(0), SyncStatus.RUNNING);
        awaitStatus(second.get(1), SyncStatus.RUNNING);
        letThrough("x", TestStates.state().buckets("b", 3));
        letThrough("y", TestStates.state().buckets("b", 12));
        awaitStatus(second.get(0), SyncStatus.SUCCEEDED);
        awaitStatus(second.get(1), SyncStatus.SUCCEEDED);

        assertThat(sync(second.get(0)).counts()).isEqualTo("+0 ~0 -7");
        assertThat(sync(second.get(1)).counts()).isEqualTo("+0 ~0 -0");
        assertThat(rows("x")).hasSize(3);
        assertThat(rows("y")).isEqualTo(yBefore);
    }

    @Test
    void an_instance_closed_while_holding_nothing_leaves_no_lock_behind() throws Exception {
        WorkspaceConfig a = fileWorkspace("a", TestStates.state().buckets("b", 5));
        WorkspaceConfig b = fileWorkspace("b", TestStates.state().buckets("b", 6));
        TestApp one = instance(a, b);
        TestApp two = instance(a, b);
        List<String> ran = triggerAtOnce(List.of(Map.entry(one, "a"), Map.entry(one, "b")));
        awaitStatus(ran.get(0), SyncStatus.SUCCEEDED);
        awaitStatus(ran.get(1), SyncStatus.SUCCEEDED);

        apps.remove(one);
        one.close();

        assertThat(database.queryLong(
                        "SELECT COUNT(*) FROM workspaces WHERE lock_holder IS NOT NULL OR lock_until IS NOT NULL"))
                .isZero();
        String next = trigger(two, "a");
        awaitStatus(next, SyncStatus.SUCCEEDED);
        assertThat(sync(next).counts()).isEqualTo("+0 ~0 -0");
    }

    @Test
    void a_sync_queued_by_an_instance_that_never_ran_it_is_picked_up_by_the_poller() throws Exception {
        WorkspaceConfig a = fileWorkspace("a", TestStates.state().buckets("b", 4));
        instance(a);
        instance(a);

        // As an instance that queued a sync and died before it could take the lock would leave it.
        SyncRecord left = repository
                .enqueue("a", SyncFixture.TENANT, Trigger.WEBHOOK, Optional.of("run-1"))
                .sync();

        awaitStatus(left.syncId(), SyncStatus.SUCCEEDED);
        assertThat(sync(left.syncId()).counts()).isEqualTo("+4 ~0 -0");
        assertThat(rows("a")).hasSize(4);
    }
}
