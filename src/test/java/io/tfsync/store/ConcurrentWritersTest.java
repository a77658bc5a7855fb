package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRepository;
import io.tfsync.testing.Entities;
import io.tfsync.testing.SettableClock;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two sources adding the same new ref at the same moment on PostgreSQL, where both transactions find no
 * row and race to insert it: one wins, the other reports a conflict, and neither fails.
 */
class ConcurrentWritersTest {

    @Test
    void two_sources_adding_one_new_ref_at_once_give_one_entity_and_one_conflict() throws Exception {
        try (TestDatabase db = TestDatabases.postgres();
                ExecutorService threads = Executors.newFixedThreadPool(2)) {
            EntityRepository entities = db.store(new SettableClock()).entityRepository();
            for (int round = 0; round < 30; round++) {
                String name = "db-" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<ApplyResult>> results = new ArrayList<>();
                for (String source : List.of("workspace:a", "github:acme/infra")) {
                    results.add(threads.submit(() -> {
                        together.await();
                        return entities.apply(new ChangeSet(
                                "acme", source, List.of(Entities.resource(name).build()), List.of()));
                    }));
                }
                int added = 0;
                int conflicts = 0;
                for (Future<ApplyResult> result : results) {
                    added += result.get().added();
                    conflicts += result.get().conflicts().size();
                }
                assertThat(added).as("round %d", round).isEqualTo(1);
                assertThat(conflicts).as("round %d", round).isEqualTo(1);
            }
            assertThat(db.queryLong("SELECT COUNT(*) FROM entities")).isEqualTo(30);
        }
    }
}
