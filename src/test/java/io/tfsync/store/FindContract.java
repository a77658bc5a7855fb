package io.tfsync.store;

import static io.tfsync.store.RepositoryFixture.asc;
import static io.tfsync.store.RepositoryFixture.desc;
import static io.tfsync.store.RepositoryFixture.filter;
import static io.tfsync.store.RepositoryFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityPage;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.FullTextFilter;
import io.tfsync.testing.Entities;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters, full text, ordering and counting of {@code find} and {@code count}. */
interface FindContract extends RepositoryFixture {

    private void threeKinds() {
        upsert(
                Entities.resource("orders-db")
                        .type("database")
                        .system("payments")
                        .build(),
                Entities.resource("cache").type("Cache").build(),
                Entities.component("api")
                        .system("payments")
                        .annotation("github.com/project-slug", "acme/API")
                        .build());
    }

    @Test
    default void filters_compare_keys_and_values_case_insensitively() {
        threeKinds();

        assertThat(names(query(ACME, filter("KIND=Resource,Spec.Type=CACHE"), List.of(), null)))
                .containsExactly("cache");
        assertThat(names(query(ACME, filter("metadata.annotations.github.com/project-slug=acme/api"), List.of(), null)))
                .containsExactly("api");
    }

    @Test
    default void a_key_without_values_asks_only_that_it_exists() {
        threeKinds();

        assertThat(names(query(ACME, filter("spec.system"), List.of(asc("metadata.name")), null)))
                .containsExactly("api", "orders-db");
    }

    @Test
    default void conditions_of_a_set_must_all_hold_and_any_set_may_match() {
        threeKinds();

        assertThat(names(query(ACME, filter("kind=resource,spec.system=payments"), List.of(), null)))
                .containsExactly("orders-db");
        assertThat(names(query(ACME, filter("kind=component", "spec.type=cache"), List.of(asc("metadata.name")), null)))
                .containsExactly("api", "cache");
        assertThat(names(
                        query(ACME, filter("spec.type=cache,spec.type=database"), List.of(asc("metadata.name")), null)))
                .containsExactly("cache", "orders-db");
        assertThat(repository().count(ACME, filter("kind=component", "spec.type=cache"), null))
                .isEqualTo(2);
    }

    @Test
    default void a_filter_value_with_sql_in_it_is_only_a_value() {
        threeKinds();

        assertThat(repository().count(ACME, filter("kind=resource' OR '1'='1"), null))
                .isZero();
        assertThat(repository().count(ACME, EntityFilter.ALL, null)).isEqualTo(3);
    }

    @Test
    default void order_puts_entities_without_the_field_last_in_both_directions() {
        upsert(
                Entities.resource("b").title("banana").build(),
                Entities.resource("a").title("Apple").build(),
                Entities.resource("c").title("cherry").build(),
                Entities.resource("x").build(),
                Entities.resource("y").build());
        List<String> missing = missingInUidOrder("x", "y");

        assertThat(names(query(ACME, EntityFilter.ALL, List.of(asc("metadata.title")), null)))
                .containsExactly("a", "b", "c", missing.get(0), missing.get(1));
        assertThat(names(query(ACME, EntityFilter.ALL, List.of(desc("metadata.title")), null)))
                .containsExactly("c", "b", "a", missing.get(0), missing.get(1));
    }

    private List<String> missingInUidOrder(String... names) {
        return java.util.Arrays.stream(names)
                .sorted(java.util.Comparator.comparing(name -> uidOf("resource:default/" + name)))
                .toList();
    }

    @Test
    default void an_entity_with_several_values_sorts_by_its_lowest() {
        upsert(
                Entities.resource("one").tags("zulu", "alpha").build(),
                Entities.resource("two").tags("bravo").build(),
                Entities.resource("three").tags("charlie", "yankee").build());

        assertThat(names(query(ACME, EntityFilter.ALL, List.of(asc("metadata.tags")), null)))
                .containsExactly("one", "two", "three");
        assertThat(names(query(ACME, EntityFilter.ALL, List.of(desc("metadata.tags")), null)))
                .containsExactly("three", "two", "one");
    }

    @Test
    default void equal_sort_values_are_ordered_by_uid_and_several_fields_compare_in_turn() {
        upsert(
                Entities.resource("p").type("database").title("same").build(),
                Entities.resource("q").type("database").title("same").build(),
                Entities.resource("r").type("cache").title("same").build());
        List<String> tied = missingInUidOrder("p", "q");

        assertThat(names(query(ACME, EntityFilter.ALL, List.of(asc("metadata.title")), null)))
                .containsExactlyElementsOf(missingInUidOrder("p", "q", "r"));
        assertThat(names(query(ACME, EntityFilter.ALL, List.of(desc("spec.type"), asc("metadata.title")), null)))
                .containsExactly(tied.get(0), tied.get(1), "r");
    }

    @Test
    default void without_order_entities_come_in_uid_order() {
        upsert(
                Entities.resource("a").build(),
                Entities.resource("b").build(),
                Entities.resource("c").build());

        assertThat(names(query(ACME, EntityFilter.ALL, List.of(), null)))
                .containsExactlyElementsOf(missingInUidOrder("a", "b", "c"));
    }

    @Test
    default void limit_offset_and_has_more_are_exact() {
        upsert(
                Entities.resource("a").build(),
                Entities.resource("b").build(),
                Entities.resource("c").build(),
                Entities.resource("d").build());
        List<io.tfsync.catalog.EntityOrder> byName = List.of(asc("metadata.name"));

        EntityPage firstTwo = repository().find(query(ACME, EntityFilter.ALL, byName, 2));
        EntityPage lastTwo =
                repository().find(new EntityQuery(ACME, EntityFilter.ALL, null, byName, null, false, 2, 2));
        EntityPage all = repository().find(query(ACME, EntityFilter.ALL, byName, 4));
        EntityPage none = repository().find(query(ACME, EntityFilter.ALL, byName, 0));

        assertThat(names(firstTwo.items())).containsExactly("a", "b");
        assertThat(firstTwo.hasMore()).isTrue();
        assertThat(firstTwo.first().sortValues()).containsExactly("a");
        assertThat(firstTwo.last().sortValues()).containsExactly("b");
        assertThat(firstTwo.last().uid()).isEqualTo(uidOf("resource:default/b"));
        assertThat(names(lastTwo.items())).containsExactly("c", "d");
        assertThat(lastTwo.hasMore()).isFalse();
        assertThat(all.hasMore()).isFalse();
        assertThat(none.items()).isEmpty();
        assertThat(none.hasMore()).isTrue();
        assertThat(none.first()).isNull();
    }

    @Test
    default void full_text_finds_the_term_in_the_given_fields_or_anywhere() {
        upsert(
                Entities.resource("orders-db").title("Orders database").build(),
                Entities.resource("ledger")
                        .description("keeps the orders ledger")
                        .build(),
                Entities.resource("cache").build());

        assertThat(names(RepositoryFixture.fullText(ACME, "ORDERS", "metadata.name", "metadata.title")))
                .containsExactly("orders-db");
        assertThat(names(RepositoryFixture.fullText(ACME, "orders"))).containsExactlyInAnyOrder("orders-db", "ledger");
        assertThat(repository().count(ACME, EntityFilter.ALL, new FullTextFilter("orders", List.of())))
                .isEqualTo(2);
        assertThat(repository().count(ACME, filter("metadata.name=ledger"), new FullTextFilter("orders", List.of())))
                .isEqualTo(1);
    }

    @Test
    default void full_text_treats_like_wildcards_literally() {
        upsert(
                Entities.resource("a").title("50% off").build(),
                Entities.resource("b").title("500 off").build(),
                Entities.resource("c").title("snake_case").build(),
                Entities.resource("d").title("snakeXcase").build(),
                Entities.resource("e").title("bang!").build());

        assertThat(names(RepositoryFixture.fullText(ACME, "50%", "metadata.title")))
                .containsExactly("a");
        assertThat(names(RepositoryFixture.fullText(ACME, "e_c", "metadata.title")))
                .containsExactly("c");
        assertThat(names(RepositoryFixture.fullText(ACME, "g!", "metadata.title")))
                .containsExactly("e");
    }

    @Test
    default void an_empty_full_text_term_filters_nothing() {
        upsert(Entities.resource("a").build(), Entities.resource("b").build());

        assertThat(names(RepositoryFixture.fullText(ACME, "  "))).hasSize(2);
    }

    @Test
    default void entities_come_back_as_stored() {
        Entity written = Entities.resource("db").label("tier", "Gold").tags("x").build();
        upsert(written);

        Entity read = repository().find(EntityQuery.all(ACME)).items().getFirst();

        var json = read.toJson();
        json.remove("relations");
        json.withObjectProperty("metadata").remove(List.of("uid", "etag"));
        assertThat(Entity.of(json)).isEqualTo(written);
    }
}
