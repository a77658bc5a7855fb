package io.tfsync.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tfsync.catalog.EntityRef;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.FileStateSource;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.StateSourceException;
import io.tfsync.testing.SettableClock;
import io.tfsync.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Workspaces on state files, sync services on a test database, and a source that can be held. */
final class SyncFixture implements AutoCloseable {

    static final String TENANT = "acme";

    private final TestDatabase database;
    private final Path folder;
    final SettableClock clock = new SettableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<SyncService> services = new ArrayList<>();
    /** While set, every fetch waits for it to open: a sync held in the middle. */
    volatile CountDownLatch gate;

    volatile CountDownLatch fetching = new CountDownLatch(1);

    SyncFixture(TestDatabase database, Path folder) {
        this.database = database;
        this.folder = folder;
    }

    Path stateOf(String workspace) {
        return folder.resolve(workspace + ".tfstate");
    }

    static WorkspaceConfig workspace(String id, Path state) {
        return new WorkspaceConfig(
                id,
                TENANT,
                "payments",
                "default",
                EntityRef.parse("group:default/team-" + id),
                Optional.empty(),
                new SourceConfig.File(state),
                Optional.empty(),
                Optional.empty());
    }

    List<WorkspaceConfig> workspaces(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> workspace(id, stateOf(id)))
                .toList();
    }

    private static final FileStateSource FILES = new FileStateSource();

    /** Reads the configured file, after the gate opens if one is set. */
    final StateSource files = (workspace, last) -> {
        fetching.countDown();
        CountDownLatch held = gate;
        if (held != null && !held.await(30, TimeUnit.SECONDS)) {
            throw new StateSourceException("timeout", "the test gate never opened");
        }
        return FILES.fetch(workspace, last);
    };

    SyncService service(String instance, StateSource source, String... workspaceIds) {
        SyncService service = new SyncService(
                database.store(clock).syncRepository(),
                workspaces(workspaceIds),
                source,
                null,
                meters,
                clock,
                new SyncService.Settings(
                        instance,
                        Duration.ofSeconds(30),
                        Duration.ZERO,
                        SynchronizationConfig.defaults().scheduled()));
        services.add(service);
        return service;
    }

    SyncService service(String... workspaceIds) {
        return service("instance-a", files, workspaceIds);
    }

    @Override
    public void close() {
        CountDownLatch held = gate;
        if (held != null) {
            held.countDown();
        }
        services.forEach(s -> s.close(Duration.ofSeconds(10)));
    }
}
