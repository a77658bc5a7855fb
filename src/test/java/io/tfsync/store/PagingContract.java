package io.tfsync.store;

import static io.tfsync.store.RepositoryFixture.after;
import static io.tfsync.store.RepositoryFixture.asc;
import static io.tfsync.store.RepositoryFixture.desc;
import static io.tfsync.store.RepositoryFixture.filter;
import static io.tfsync.store.RepositoryFixture.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityOrder;
import io.tfsync.catalog.EntityPage;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.PagePosition;
import io.tfsync.testing.Entities;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Keyset paging over about a thousand entities: every entity exactly once, in order, both ways. */
interface PagingContract extends RepositoryFixture {

    int ENTITIES = 1_000;

    /**
     * A thousand resources: titles repeat (ties broken by uid), every seventh has none (sorts last),
     * mixed case (sorts case-insensitively), and two types to filter on.
     */
    private void thousandResources() {
        List<Entity> entities = IntStream.range(0, ENTITIES)
                .mapToObj(i -> {
                    Entities entity = Entities.resource("r" + i).type(i % 3 == 0 ? "cache" : "database");
                    if (i % 7 != 0) {
                        entity.title((i % 2 == 0 ? "Title " : "title ") + (i % 50));
                    }
                    return entity.build();
                })
                .toList();
        upsert(entities.toArray(Entity[]::new));
    }

    private List<String> walkForward(EntityQuery first) {
        List<String> seen = new ArrayList<>();
        EntityPage page = repository().find(first);
        seen.addAll(names(page.items()));
        while (page.hasMore()) {
            assertThat(page.items()).hasSize(first.limit());
            page = repository().find(after(first, page.last(), false));
            seen.addAll(names(page.items()));
        }
        return seen;
    }

    /** From the end backwards: each page read is the one before, yet in forward order. */
    private List<String> walkBackward(EntityQuery first) {
        List<String> all = names(repository().find(withLimit(first, null)).items());
        EntityPage last = repository()
                .find(new EntityQuery(
                        first.scope(),
                        first.filter(),
                        null,
                        first.order(),
                        null,
                        false,
                        Math.max(0, all.size() - first.limit()),
                        first.limit()));
        List<List<String>> pages = new ArrayList<>();
        pages.add(names(last.items()));
        EntityPage page = last;
        while (true) {
            page = repository().find(after(first, page.first(), true));
            if (page.items().isEmpty()) {
                break;
            }
            pages.add(names(page.items()));
            if (!page.hasMore()) {
                break;
            }
        }
        Collections.reverse(pages);
        return pages.stream().flatMap(List::stream).toList();
    }

    private static EntityQuery withLimit(EntityQuery query, Integer limit) {
        return new EntityQuery(query.scope(), query.filter(), query.fullText(), query.order(), null, false, 0, limit);
    }

    private void assertPagesCoverEverythingOnce(List<EntityOrder> order, EntityFilter filter, int pageSize) {
        EntityQuery first = query(ACME, filter, order, pageSize);
        List<String> expected = names(repository().find(withLimit(first, null)).items());

        List<String> forward = walkForward(first);
        List<String> backward = walkBackward(first);

        assertThat(forward).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(backward).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        assertThat(expected).hasSize((int) repository().count(ACME, filter, null));
    }

    @Test
    default void paging_without_order_visits_every_entity_once() {
        thousandResources();

        assertPagesCoverEverythingOnce(List.of(), EntityFilter.ALL, 37);
    }

    @Test
    default void paging_by_a_field_with_ties_and_missing_values_visits_every_entity_once() {
        thousandResources();

        assertPagesCoverEverythingOnce(List.of(asc("metadata.title")), EntityFilter.ALL, 37);
        assertPagesCoverEverythingOnce(List.of(desc("metadata.title")), EntityFilter.ALL, 50);
    }

    @Test
    default void paging_by_two_fields_with_a_filter_visits_every_matching_entity_once() {
        thousandResources();

        assertPagesCoverEverythingOnce(
                List.of(desc("spec.type"), asc("metadata.title")),
                filter("kind=resource,spec.type=cache", "metadata.title=title 3"),
                41);
        assertPagesCoverEverythingOnce(List.of(asc("metadata.title")), filter("spec.type=cache"), 25);
    }

    @Test
    default void the_full_order_is_by_lower_cased_value_then_uid_with_missing_last() {
        thousandResources();

        List<Entity> all = repository()
                .find(query(ACME, EntityFilter.ALL, List.of(asc("metadata.title")), null))
                .items();

        List<String> titles = all.stream()
                .map(e -> e.at("metadata.title").isMissingNode()
                        ? null
                        : e.at("metadata.title").asText().toLowerCase())
                .toList();
        assertThat(titles.subList(0, titles.indexOf(null))).isSorted();
        assertThat(titles.subList(titles.indexOf(null), titles.size())).containsOnlyNulls();
        List<String> missingUids = all.subList(titles.indexOf(null), all.size()).stream()
                .map(e -> e.at("metadata.uid").asText())
                .toList();
        assertThat(missingUids).isSorted().hasSize(ENTITIES / 7 + 1);
    }

    @Test
    default void the_index_walk_for_one_order_field_gives_the_general_order() {
        thousandResources();
        var jdbi = database().database().jdbi();

        for (EntityOrder order : List.of(asc("metadata.title"), desc("metadata.title"), asc("spec.type"))) {
            for (EntityFilter filter : List.of(EntityFilter.ALL, filter("spec.type=cache", "metadata.title=title 3"))) {
                EntityQuery all = query(ACME, filter, List.of(order), null);
                var general = jdbi.withHandle(h -> PageQuery.positions(h, all, null));
                var walked = jdbi.withHandle(h -> SingleOrderPageQuery.positions(h, all, null));
                assertThat(walked).as("%s %s", order, filter).isEqualTo(general);

                var middle = general.get(general.size() / 2);
                for (boolean backwards : List.of(false, true)) {
                    EntityQuery from = new EntityQuery(ACME, filter, null, List.of(order), middle, backwards, 0, 30);
                    List<PagePosition> walkedPage = jdbi.withHandle(h -> SingleOrderPageQuery.positions(h, from, 30));
                    List<PagePosition> generalPage = jdbi.withHandle(h -> PageQuery.positions(h, from, 30));
                    assertThat(walkedPage)
                            .as("%s %s from the middle, backwards %s", order, filter, backwards)
                            .isEqualTo(generalPage);
                }
            }
        }
    }
}
