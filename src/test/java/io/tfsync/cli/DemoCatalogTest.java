package io.tfsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.Relation;
import io.tfsync.catalog.Relations;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.FileStateSource;
import io.tfsync.store.Store;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncService;
import io.tfsync.sync.SyncStatus;
import io.tfsync.sync.Trigger;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo: its groups and systems, plus the three bundled states synced through the real sync
 * engine, make a self-contained catalog with no secret in it; a second start writes nothing.
 */
class DemoCatalogTest {

    @TempDir
    Path data;

    private static List<SyncRecord> syncAll(SyncService sync) throws InterruptedException {
        return sync.workspaces().stream()
                .map(w -> {
                    try {
                        return sync.runNow(w.id(), Trigger.STARTUP, Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static SyncService service(Store store, List<WorkspaceConfig> workspaces) {
        return new SyncService(
                store.syncRepository(),
                workspaces,
                new FileStateSource(),
                null,
                new SimpleMeterRegistry(),
                InstantSource.system(),
                new SyncService.Settings(
                        "test",
                        Duration.ofSeconds(30),
                        Duration.ZERO,
                        SynchronizationConfig.defaults().scheduled()));
    }

    private static List<Entity> all(EntityRepository entities) {
        return entities.find(new EntityQuery(TenantScope.ALL, EntityFilter.ALL, null, List.of(), null, false, 0, null))
                .items();
    }

    @Test
    void the_demo_syncs_its_states_into_a_self_contained_catalog_without_secrets() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            Store store = db.store(InstantSource.system());
            DemoCatalog.load(store.entityRepository());
            List<WorkspaceConfig> workspaces = DemoCatalog.workspaces(data);
            try (SyncService sync = service(store, workspaces)) {
                List<SyncRecord> records = syncAll(sync);

                assertThat(records).allMatch(r -> r.status() == SyncStatus.SUCCEEDED, "every sync succeeded");
                Map<String, String> counts = new TreeMap<>();
                records.forEach(r -> counts.put(r.workspace(), r.counts()));
                assertThat(counts)
                        .containsEntry("payments-prod", "+7 ~0 -0")
                        .containsEntry("network-prod", "+6 ~0 -0")
                        .containsEntry("data-prod", "+4 ~0 -0");
            }
            List<Entity> entities = all(store.entityRepository());
            assertThat(entities).hasSize(4 + 17);
            Set<String> refs = entities.stream().map(e -> e.ref().key()).collect(Collectors.toSet());
            for (Entity entity : entities) {
                for (Relation relation : Relations.of(entity)) {
                    assertThat(refs)
                            .as("%s of %s", relation.type(), entity.ref())
                            .contains(relation.target().key());
                }
                assertThat(entity.toJson().toString()).doesNotContain("demo-not-a-real");
            }
            assertThat(entities.stream().filter(e -> e.kind().equals("Resource")))
                    .extracting(e -> e.at("spec.type").asText())
                    .contains("database", "storage", "kubernetes-cluster");
        }
    }

    @Test
    void starting_the_demo_again_writes_nothing_and_keeps_edited_states() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            Store store = db.store(InstantSource.system());
            List<WorkspaceConfig> workspaces = DemoCatalog.workspaces(data);
            DemoCatalog.load(store.entityRepository());
            try (SyncService sync = service(store, workspaces)) {
                syncAll(sync);
            }
            Path payments = data.resolve(DemoCatalog.STATES_FOLDER).resolve("payments.tfstate");
            Files.writeString(payments, Files.readString(payments).replace("payments-cache", "payments-cache-2"));

            ApplyResult org = DemoCatalog.load(store.entityRepository());
            try (SyncService sync = service(store, DemoCatalog.workspaces(data))) {
                List<SyncRecord> again = syncAll(sync);

                assertThat(org.changedAnything()).isFalse();
                assertThat(again).extracting(SyncRecord::counts).containsExactly("+0 ~1 -0", "+0 ~0 -0", "+0 ~0 -0");
            }
        }
    }
}
