package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.catalog.TenantScope;
import io.tfsync.testing.Entities;
import io.tfsync.testing.SettableClock;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL two writers of one catalog run at once. When another writer commits a relation about
 * an entity this one is adding, after this one read what is stated about it and before it appends its
 * events, the other's events cannot show it (the entity was not committed yet), so this one's must.
 */
class ConcurrentEventsTest {

    @Test
    void a_relation_committed_by_another_writer_meanwhile_shows_in_the_added_event() throws Exception {
        try (TestDatabase db = TestDatabases.postgres();
                ExecutorService thread = Executors.newSingleThreadExecutor()) {
            SettableClock clock = new SettableClock();
            EntityRepository entities = db.store(clock).entityRepository();
            // The tenant exists, so the second writer does not wait on the first's tenant row.
            entities.apply(new ChangeSet(
                    "acme", "workspace:a", List.of(Entities.group("team").build()), List.of()));
            CountDownLatch written = new CountDownLatch(1);
            CountDownLatch otherCommitted = new CountDownLatch(1);
            Future<?> first = thread.submit(() -> db.jdbi()
                    .inTransaction(handle -> EntityWriter.apply(
                            handle,
                            new ChangeSet(
                                    "acme",
                                    "workspace:a",
                                    List.of(Entities.resource("db").build()),
                                    List.of()),
                            clock.millis(),
                            (h, result) -> {
                                written.countDown();
                                try {
                                    assertThat(otherCommitted.await(30, TimeUnit.SECONDS))
                                            .isTrue();
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            })));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            entities.apply(new ChangeSet(
                    "acme",
                    "github:acme/app",
                    List.of(Entities.component("app")
                            .spec(
                                    "dependsOn",
                                    JsonMapper.builder()
                                            .build()
                                            .createArrayNode()
                                            .add("resource:default/db"))
                            .build()),
                    List.of()));
            otherCommitted.countDown();
            first.get(30, TimeUnit.SECONDS);

            String event = db.queryRows(
                            "SELECT entity_json FROM events WHERE entity_ref = ? ORDER BY event_offset DESC",
                            "resource:default/db")
                    .getFirst()
                    .getFirst();
            String read = JsonMapper.builder()
                    .build()
                    .writeValueAsString(entities.byRef(TenantScope.ALL, EntityRef.parse("resource:default/db"))
                            .orElseThrow()
                            .toJson());
            assertThat(read).contains("dependencyOf", "component:default/app");
            assertThat(event).isEqualTo(read);
        }
    }
}
