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
import org.junit.jupiter.api.Test;

/** The benchmark's own bookkeeping, on a small catalog; the figures themselves are not checked. */
class CatalogApiBenchmarkTest {

    @Test
    void a_small_run_sees_every_entity_once_and_reports_every_phase() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (TestDatabase db = TestDatabases.sqlite()) {
            CatalogApiBenchmark.Result result = CatalogApiBenchmark.run(
                    db.settings(),
                    new CatalogApiBenchmark.Options(300, Duration.ofMillis(300), 4, 50),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(result.entities()).isEqualTo(300);
            assertThat(result.reads())
                    .extracting(CatalogApiBenchmark.Reads::clients)
                    .containsExactly(1, 4);
            assertThat(result.reads()).allSatisfy(r -> assertThat(r.count()).isPositive());
            assertThat(result.pageThroughs()).allSatisfy(p -> {
                assertThat(p.entities()).isEqualTo(300);
                assertThat(p.pages()).isEqualTo(6);
            });
            assertThat(result.filteredCount()).isEqualTo(50);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("by-name, 1 client")
                .contains("by-query page-through")
                .contains("facets");
    }

    @Test
    void a_database_that_is_not_empty_is_refused() {
        try (TestDatabase db = TestDatabases.sqlite()) {
            db.store(InstantSource.system())
                    .entityRepository()
                    .apply(new ChangeSet("t", "s", List.of(CatalogBenchmark.resource(1)), List.of()));
            assertThatThrownBy(() -> CatalogApiBenchmark.run(
                            db.settings(),
                            new CatalogApiBenchmark.Options(10, Duration.ofMillis(100), 1, 5),
                            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                    .hasMessageContaining("already holds 1 entities");
        }
    }
}
