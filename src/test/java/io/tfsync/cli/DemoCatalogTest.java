package io.tfsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.Relation;
import io.tfsync.catalog.Relations;
import io.tfsync.testing.TestDatabase;
import io.tfsync.testing.TestDatabases;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled example catalog is valid, self-contained, and loading it twice writes nothing. */
class DemoCatalogTest {

    @Test
    void every_example_entity_is_valid_and_every_relation_points_inside_the_demo() {
        List<Entity> entities = DemoCatalog.read();
        assertThat(entities).hasSize(16);
        Set<String> refs = entities.stream().map(e -> e.ref().key()).collect(Collectors.toSet());
        for (Entity entity : entities) {
            for (Relation relation : Relations.of(entity)) {
                assertThat(refs)
                        .as("%s of %s", relation.type(), entity.ref())
                        .contains(relation.target().key());
            }
        }
        assertThat(refs)
                .contains(EntityRef.parse("resource:default/payments-db").key());
    }

    @Test
    void loading_the_demo_twice_writes_nothing_the_second_time() {
        try (TestDatabase db = TestDatabases.sqlite()) {
            var repository = db.store(InstantSource.system()).entityRepository();
            ApplyResult first = DemoCatalog.load(repository);
            ApplyResult second = DemoCatalog.load(repository);
            assertThat(first.added()).isEqualTo(16);
            assertThat(second.changedAnything()).isFalse();
            assertThat(second.unchanged()).isEqualTo(16);
            assertThat(DemoCatalog.describe(second)).contains("16 already there");
        }
    }
}
