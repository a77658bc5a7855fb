package io.tfsync.store;

import static io.tfsync.store.RepositoryFixture.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.FacetCount;
import io.tfsync.testing.Entities;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code facets}: values as written, counted in entities, most frequent first. */
interface FacetsContract extends RepositoryFixture {

    private void resources() {
        upsert(
                Entities.resource("a").type("database").tags("prod", "eu").build(),
                Entities.resource("b").type("database").tags("prod").build(),
                Entities.resource("c").type("Database").tags("dev").build(),
                Entities.resource("d").type("cache").tags("prod", "prod").build(),
                Entities.component("e").build());
    }

    @Test
    default void facets_count_entities_per_value_as_written_most_frequent_first() {
        resources();

        var facets = repository().facets(ACME, List.of("spec.type", "metadata.tags", "kind"), EntityFilter.ALL);

        assertThat(facets.get("spec.type"))
                .containsExactly(
                        new FacetCount("database", 2),
                        new FacetCount("Database", 1),
                        new FacetCount("cache", 1),
                        new FacetCount("service", 1));
        assertThat(facets.get("metadata.tags"))
                .containsExactly(new FacetCount("prod", 3), new FacetCount("dev", 1), new FacetCount("eu", 1));
        assertThat(facets.get("kind")).containsExactly(new FacetCount("Resource", 4), new FacetCount("Component", 1));
    }

    @Test
    default void facets_count_only_entities_matching_the_filter_and_keep_the_asked_spelling() {
        resources();

        var facets = repository().facets(ACME, List.of("Spec.Type", "metadata.nothing"), filter("metadata.tags=prod"));

        assertThat(facets).containsOnlyKeys("Spec.Type", "metadata.nothing");
        assertThat(facets.get("Spec.Type")).containsExactly(new FacetCount("database", 2), new FacetCount("cache", 1));
        assertThat(facets.get("metadata.nothing")).isEmpty();
    }
}
