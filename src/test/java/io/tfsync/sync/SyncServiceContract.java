package io.tfsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.TenantScope;
import io.tfsync.testing.Entities;
import io.tfsync.testing.PerClassDatabase;
import io.tfsync.testing.TestStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sync does to the catalog and its history, on each database (thin subclasses). */
abstract class SyncServiceContract extends PerClassDatabase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private SyncFixture fixture;

    @TempDir
    Path folder;

    @BeforeEach
    void startEmpty() {
        database().clear();
        fixture = new SyncFixture(database(), folder);
    }

    @AfterEach
    void stop() {
        fixture.close();
        database().removePlantedFailure();
    }

    private SyncRecord sync(SyncService service, String workspace) throws InterruptedException {
        return service.runNow(workspace, Trigger.CLI, WAIT);
    }

    /** entity_ref → updated_at of the workspace's entities. */
    private List<List<String>> rows(String workspace) {
        return database()
                .queryRows(
                        "SELECT entity_ref, updated_at, etag FROM entities WHERE owner_source = ? ORDER BY entity_ref",
                        "workspace:" + workspace);
    }

    @Test
    void the_first_sync_adds_every_managed_instance() throws Exception {
        TestStates.state()
                .bucket("logs", "team-a")
                .bucket("assets", "team-a")
                .buckets("shard", 3)
                .write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");

        SyncRecord record = sync(service, "a");

        assertThat(record.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(record.counts()).isEqualTo("+5 ~0 -0");
        assertThat(record.trigger()).isEqualTo(Trigger.CLI);
        assertThat(record.startedAt()).isPresent();
        assertThat(record.finishedAt()).isPresent();
        assertThat(record.error()).isEmpty();
        assertThat(rows("a")).hasSize(5);
        assertThat(database().queryLong("SELECT COUNT(*) FROM entities WHERE tenant = ?", SyncFixture.TENANT))
                .isEqualTo(5);
        assertThat(service.history().history(TenantScope.ALL, Optional.of("a"), 10))
                .extracting(SyncRecord::syncId)
                .containsExactly(record.syncId());
    }

    @Test
    void a_changed_state_updates_exactly_the_changed_entities_and_a_removed_resource_is_deleted() throws Exception {
        TestStates state = TestStates.state()
                .bucket("logs", "team-a")
                .bucket("assets", "team-a")
                .bucket("backups", "team-a");
        state.write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        sync(service, "a");
        List<List<String>> before = rows("a");
        fixture.clock.advance(Duration.ofMinutes(5));

        state.bucket("assets", "team-b").without("aws_s3_bucket.backups").write(fixture.stateOf("a"));
        SyncRecord record = sync(service, "a");

        assertThat(record.counts()).isEqualTo("+0 ~1 -1");
        List<List<String>> after = rows("a");
        assertThat(after).hasSize(2);
        // logs: untouched row; assets: new etag and time.
        assertThat(after)
                .contains(before.stream()
                        .filter(r -> r.getFirst().contains("logs"))
                        .findFirst()
                        .orElseThrow());
        List<String> assets = after.stream()
                .filter(r -> r.getFirst().contains("assets"))
                .findFirst()
                .orElseThrow();
        assertThat(assets.get(1)).isEqualTo(String.valueOf(fixture.clock.millis()));
        assertThat(after).noneMatch(r -> r.getFirst().contains("backups"));
    }

    @Test
    void the_same_state_again_writes_nothing() throws Exception {
        TestStates state = TestStates.state().bucket("logs", "team-a").buckets("shard", 4);
        state.write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        sync(service, "a");
        List<List<String>> before = rows("a");
        List<List<String>> searchBefore = database()
                .queryRows("SELECT entity_uid, key, value FROM entity_search ORDER BY entity_uid, key, value");
        fixture.clock.advance(Duration.ofHours(1));

        state.serial(1).write(fixture.stateOf("a"));
        SyncRecord again = sync(service, "a");

        assertThat(again.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(again.counts()).isEqualTo("+0 ~0 -0");
        assertThat(rows("a")).isEqualTo(before);
        assertThat(database()
                        .queryRows("SELECT entity_uid, key, value FROM entity_search ORDER BY entity_uid, key, value"))
                .isEqualTo(searchBefore);
    }

    @Test
    void two_workspaces_of_one_tenant_and_business_unit_never_delete_each_others_entities() throws Exception {
        TestStates.state().bucket("logs-a", "team-a").write(fixture.stateOf("a"));
        TestStates.state().bucket("logs-b", "team-b").write(fixture.stateOf("b"));
        SyncService service = fixture.service("a", "b");
        sync(service, "a");
        sync(service, "b");

        TestStates.state().write(fixture.stateOf("a"));
        SyncRecord emptied = sync(service, "a");

        assertThat(emptied.counts()).isEqualTo("+0 ~0 -1");
        assertThat(rows("a")).isEmpty();
        assertThat(rows("b")).hasSize(1);
    }

    @Test
    void the_same_address_in_two_workspaces_of_one_namespace_makes_two_entities() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(fixture.stateOf("a"));
        TestStates.state().bucket("logs", "team-b").write(fixture.stateOf("b"));
        SyncService service = fixture.service("a", "b");

        assertThat(sync(service, "a").counts()).isEqualTo("+1 ~0 -0");
        SyncRecord second = sync(service, "b");

        assertThat(second.counts()).isEqualTo("+1 ~0 -0");
        assertThat(second.conflicts()).isEmpty();
        assertThat(rows("a")).extracting(List::getFirst).containsExactly("resource:default/a.aws_s3_bucket.logs");
        assertThat(rows("b")).extracting(List::getFirst).containsExactly("resource:default/b.aws_s3_bucket.logs");
    }

    @Test
    void an_entity_another_source_owns_is_a_reported_conflict_and_is_not_overwritten() throws Exception {
        TestStates.state().bucket("logs", "team-a").bucket("assets", "team-a").write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        sync(service, "a");
        String logsRef = rows("a").stream()
                .map(List::getFirst)
                .filter(r -> r.contains("logs"))
                .findFirst()
                .orElseThrow();
        // Someone else holds the ref first: the entity is removed from a, then claimed by github:repo.
        TestStates.state().bucket("assets", "team-a").write(fixture.stateOf("a"));
        sync(service, "a");
        EntityRef ref = EntityRef.parse(logsRef);
        database()
                .store(fixture.clock)
                .entityRepository()
                .apply(new ChangeSet(
                        SyncFixture.TENANT,
                        "github:acme/infra",
                        List.of(Entities.resource(ref.name()).build()),
                        List.of()));
        String before = database()
                .queryRows("SELECT entity_json FROM entities WHERE entity_ref = ?", logsRef)
                .toString();

        TestStates.state().bucket("logs", "team-a").bucket("assets", "team-a").write(fixture.stateOf("a"));
        SyncRecord record = sync(service, "a");

        assertThat(record.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(record.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.ref().key()).isEqualTo(logsRef);
            assertThat(conflict.claimedBy()).isEqualTo("workspace:a");
            assertThat(conflict.ownedBy()).isEqualTo("github:acme/infra");
        });
        assertThat(database()
                        .queryRows("SELECT entity_json FROM entities WHERE entity_ref = ?", logsRef)
                        .toString())
                .isEqualTo(before);
        assertThat(service.history()
                        .byId(TenantScope.ALL, record.syncId())
                        .orElseThrow()
                        .conflicts())
                .isEqualTo(record.conflicts());
    }

    @Test
    void a_broken_state_fails_the_sync_with_a_sentence_and_leaves_the_catalog_as_it_was() throws Exception {
        TestStates state = TestStates.state().bucket("logs", "team-a");
        state.write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        sync(service, "a");
        List<List<String>> before = rows("a");
        String json = state.bucket("assets", "team-a").json();
        Files.writeString(fixture.stateOf("a"), json.substring(0, json.length() / 2));

        SyncRecord failed = sync(service, "a");

        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.errorKind()).contains("invalid_state");
        assertThat(failed.error().orElseThrow())
                .contains("workspace a")
                .contains("line")
                .doesNotContain("Exception");
        assertThat(rows("a")).isEqualTo(before);

        state.write(fixture.stateOf("a"));
        assertThat(sync(service, "a").counts()).isEqualTo("+1 ~0 -0");
    }

    @Test
    void a_failure_in_the_middle_of_the_apply_leaves_catalog_and_history_as_before_and_the_next_sync_completes()
            throws Exception {
        TestStates state = TestStates.state().bucket("logs", "team-a").bucket("assets", "team-a");
        state.write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        sync(service, "a");
        List<List<String>> before = rows("a");
        long searchRows = database().queryLong("SELECT COUNT(*) FROM entity_search");
        fixture.clock.advance(Duration.ofMinutes(1));
        // Changes one entity, adds one, removes one; the new bucket's region makes the insert fail
        // after the update and the removal were already written in the transaction.
        var exploding = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode()
                .put("id", "new")
                .put("region", "explode");
        state.bucket("logs", "team-z")
                .without("aws_s3_bucket.assets")
                .resource("aws_s3_bucket", "zzz", exploding)
                .write(fixture.stateOf("a"));
        database().plantFailure();

        SyncRecord failed = sync(service, "a");

        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.errorKind()).contains("internal");
        assertThat(failed.counts()).isEqualTo("+0 ~0 -0");
        assertThat(rows("a")).isEqualTo(before);
        assertThat(database().queryLong("SELECT COUNT(*) FROM entity_search")).isEqualTo(searchRows);
        assertThat(service.history().lastSynced("a").orElseThrow().serial()).contains(1L);

        database().removePlantedFailure();
        SyncRecord next = sync(service, "a");
        assertThat(next.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(next.counts()).isEqualTo("+1 ~1 -1");
    }

    @Test
    void triggers_that_arrive_while_a_sync_runs_coalesce_into_exactly_one_follow_up() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        fixture.gate = new CountDownLatch(1);

        SyncRecord first = service.trigger("a", Trigger.MANUAL, Optional.empty());
        fixture.fetching.await();
        Set<String> followUps = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            followUps.add(service.trigger("a", Trigger.WEBHOOK, Optional.of("run-" + i))
                    .syncId());
        }
        assertThat(followUps).hasSize(1).doesNotContain(first.syncId());
        assertThat(service.history()
                        .byId(TenantScope.ALL, first.syncId())
                        .orElseThrow()
                        .status())
                .isEqualTo(SyncStatus.RUNNING);
        fixture.gate.countDown();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(service.history().history(TenantScope.ALL, Optional.of("a"), 10))
                        .extracting(SyncRecord::status)
                        .containsExactly(SyncStatus.SUCCEEDED, SyncStatus.SUCCEEDED));
        List<SyncRecord> history = service.history().history(TenantScope.ALL, Optional.of("a"), 10);
        assertThat(history.getFirst().syncId()).isEqualTo(followUps.iterator().next());
        // The follow-up syncs what the newest trigger brought (the latest run, or a pushed commit).
        assertThat(history.getFirst().runId()).contains("run-4");
        assertThat(history.getFirst().startedAt().orElseThrow())
                .isAfterOrEqualTo(history.getLast().finishedAt().orElseThrow());
    }

    @Test
    void an_unchanged_state_version_is_not_downloaded_unless_the_mapping_changed() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(fixture.stateOf("a"));
        var version = new io.tfsync.sources.StateVersion("sv-1", 7);
        List<Optional<io.tfsync.sources.StateVersion>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.tfsync.sources.StateSource versioned = (workspace, last) -> {
            asked.add(last);
            if (last.equals(Optional.of(version))) {
                return new io.tfsync.sources.FetchedState.Unchanged(version);
            }
            var download = (io.tfsync.sources.FetchedState.Download) fixture.files.fetch(workspace, last);
            return new io.tfsync.sources.FetchedState.Download(
                    Optional.of(version), Optional.of("run-1"), download.origin(), download.body());
        };
        SyncService service = fixture.service("instance-a", versioned, "a");
        assertThat(sync(service, "a").counts()).isEqualTo("+1 ~0 -0");

        SyncRecord again = sync(service, "a");

        assertThat(again.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(again.counts()).isEqualTo("+0 ~0 -0");
        assertThat(asked).containsExactly(Optional.empty(), Optional.of(version));
    }

    @Test
    void an_unknown_source_file_fails_with_the_sources_sentence() throws Exception {
        SyncService service = fixture.service("a");

        SyncRecord failed = sync(service, "a");

        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.errorKind()).contains("not_found");
        assertThat(failed.error().orElseThrow()).contains("does not exist");
    }

    @Test
    void a_sync_left_running_by_a_dead_instance_is_failed_and_its_queue_taken_over_when_the_lease_runs_out()
            throws Exception {
        TestStates.state().bucket("logs", "team-a").write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        SyncRepository repository = service.history();
        // A dead instance: it took the lock, started a sync and vanished.
        repository.enqueue("a", SyncFixture.TENANT, Trigger.MANUAL, Optional.empty());
        assertThat(repository.tryLock("a", "dead", fixture.clock.instant().plus(Duration.ofSeconds(30))))
                .isTrue();
        SyncRecord abandoned = repository.claimNext("a", "dead", 3).orElseThrow();
        SyncRecord queued = repository
                .enqueue("a", SyncFixture.TENANT, Trigger.WEBHOOK, Optional.empty())
                .sync();

        service.drain("a");
        assertThat(repository
                        .byId(TenantScope.ALL, queued.syncId())
                        .orElseThrow()
                        .status())
                .isEqualTo(SyncStatus.QUEUED);

        fixture.clock.advance(Duration.ofSeconds(31));
        service.drain("a");

        assertThat(repository
                        .byId(TenantScope.ALL, queued.syncId())
                        .orElseThrow()
                        .status())
                .isEqualTo(SyncStatus.SUCCEEDED);
        SyncRecord failed = repository.byId(TenantScope.ALL, abandoned.syncId()).orElseThrow();
        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.errorKind()).contains("abandoned");
    }

    @Test
    void the_work_of_a_sync_abandoned_by_a_dead_instance_is_queued_again_and_done() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        SyncRepository repository = service.history();
        SyncRecord accepted = repository
                .enqueue("a", SyncFixture.TENANT, Trigger.WEBHOOK, Optional.of("run-Accepted"))
                .sync();
        assertThat(repository.tryLock("a", "dead", fixture.clock.instant().plus(Duration.ofSeconds(30))))
                .isTrue();
        repository.claimNext("a", "dead", 3).orElseThrow(); // and then the instance was killed
        assertThat(repository.workspacesWithQueued())
                .as("work for the poller while the lease holds")
                .isEmpty();

        fixture.clock.advance(Duration.ofSeconds(31));
        assertThat(repository.workspacesWithQueued())
                .as("work for the poller after the lease")
                .containsExactly("a");
        service.drain("a");

        List<SyncRecord> history = repository.history(TenantScope.ALL, Optional.of("a"), 10);
        assertThat(history).extracting(SyncRecord::status).containsExactly(SyncStatus.SUCCEEDED, SyncStatus.FAILED);
        assertThat(history.getFirst().attempt()).isEqualTo(2);
        assertThat(history.getFirst().trigger()).isEqualTo(Trigger.WEBHOOK);
        assertThat(history.getFirst().runId()).contains("run-Accepted");
        assertThat(history.getLast().syncId()).isEqualTo(accepted.syncId());
        assertThat(rows("a")).hasSize(1);
    }

    @Test
    void a_failure_that_may_pass_is_retried_with_backoff_and_after_the_last_attempt_stays_failed() throws Exception {
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        SyncService service = fixture.service(
                "instance-a",
                (workspace, last) -> {
                    fetches.incrementAndGet();
                    throw new io.tfsync.sources.StateSourceException(
                            "io", "Terraform Cloud did not answer for workspace " + workspace.id());
                },
                "a");
        SyncRepository repository = service.history();

        SyncRecord first = sync(service, "a");
        assertThat(first.error().orElseThrow()).endsWith("(attempt 1 of 3; tried again in 2000 ms)");
        service.drain("a"); // not due yet
        assertThat(fetches).hasValue(1);

        fixture.clock.advance(Duration.ofSeconds(2));
        service.drain("a");
        fixture.clock.advance(Duration.ofSeconds(3)); // the second wait is 4 s
        service.drain("a");
        assertThat(fetches).hasValue(2);
        fixture.clock.advance(Duration.ofSeconds(1));
        service.drain("a");

        assertThat(fetches).hasValue(3);
        List<SyncRecord> history = repository.history(TenantScope.ALL, Optional.of("a"), 10);
        assertThat(history).extracting(SyncRecord::attempt).containsExactly(3, 2, 1);
        assertThat(history).extracting(SyncRecord::status).containsOnly(SyncStatus.FAILED);
        assertThat(history.getFirst().error().orElseThrow()).endsWith("(attempt 3 of 3; no attempts left)");
        assertThat(repository.hasQueued("a")).isFalse();
    }

    @Test
    void a_failure_that_would_fail_the_same_way_is_not_retried() throws Exception {
        SyncService service = fixture.service("a"); // its state file does not exist

        SyncRecord failed = sync(service, "a");

        assertThat(failed.error().orElseThrow()).endsWith("not tried again: it would fail the same way)");
        assertThat(service.history().history(TenantScope.ALL, Optional.of("a"), 10))
                .hasSize(1);
        assertThat(service.history().hasQueued("a")).isFalse();
    }

    @Test
    void a_holder_that_lost_its_lock_commits_nothing() throws Exception {
        TestStates.state().bucket("logs", "team-a").write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        fixture.gate = new CountDownLatch(1);
        SyncRecord first = service.trigger("a", Trigger.MANUAL, Optional.empty());
        fixture.fetching.await();
        // The lease runs out while the sync is held, and another instance takes the workspace.
        fixture.clock.advance(Duration.ofSeconds(31));
        assertThat(service.history()
                        .tryLock("a", "instance-b", fixture.clock.instant().plus(Duration.ofSeconds(30))))
                .isTrue();
        fixture.gate.countDown();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(service.history()
                                .byId(TenantScope.ALL, first.syncId())
                                .orElseThrow()
                                .status())
                        .isEqualTo(SyncStatus.FAILED));
        assertThat(service.history()
                        .byId(TenantScope.ALL, first.syncId())
                        .orElseThrow()
                        .errorKind())
                .contains("lock_lost");
        assertThat(rows("a")).isEmpty();
    }

    @Test
    void metrics_show_duration_percentiles_outcomes_and_entity_counts() throws Exception {
        TestStates.state().buckets("shard", 3).write(fixture.stateOf("a"));
        SyncService service = fixture.service("a");
        sync(service, "a");
        sync(service, "a");

        var timer = fixture.meters
                .find("tfsync.sync.duration")
                .tag("workspace", "a")
                .timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.takeSnapshot().percentileValues()).hasSize(3);
        assertThat(fixture.meters
                        .find("tfsync.sync.entities")
                        .tags("workspace", "a", "change", "added")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(fixture.meters
                        .find("tfsync.syncs")
                        .tags("workspace", "a", "outcome", "succeeded")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }
}
