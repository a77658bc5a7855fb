package io.tfsync.store;

import static io.tfsync.store.RepositoryFixture.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityFilter;
import io.tfsync.catalog.EntityQuery;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.FacetCount;
import io.tfsync.catalog.TenantScope;
import io.tfsync.testing.Entities;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads by ref, uid and refs; relations on read; tenant walls on every read. */
interface ReadContract extends RepositoryFixture {

    @Test
    default void by_ref_compares_the_ref_case_insensitively() {
        upsert(Entities.resource("Orders-DB").namespace("payments").build());

        Entity found = byRef(ACME, "Resource:Payments/orders-db");

        assertThat(found.name()).isEqualTo("Orders-DB");
        assertThat(repository().byRef(ACME, EntityRef.parse("resource:payments/other")))
                .isEmpty();
    }

    @Test
    default void by_uid_finds_an_entity_only_within_the_scope() {
        upsert(Entities.resource("db").build());
        String uid = uidOf("resource:default/db");

        assertThat(repository().byUid(ACME, uid)).map(Entity::name).contains("db");
        assertThat(repository().byUid(TenantScope.ALL, uid)).isPresent();
        assertThat(repository().byUid(TenantScope.of("other"), uid)).isEmpty();
        assertThat(repository().byUid(ACME, "no-such-uid")).isEmpty();
    }

    @Test
    default void tenants_cannot_see_each_others_entities_counts_or_facets() {
        upsert("a", SOURCE, Entities.resource("db").type("database").build());
        upsert(
                "b",
                SOURCE,
                Entities.resource("db").type("cache").build(),
                Entities.resource("b-only").build());
        TenantScope a = TenantScope.of("a");
        String uidInB = byRef(TenantScope.of("b"), "resource:default/db")
                .at("metadata.uid")
                .asText();

        assertThat(byRef(a, "resource:default/db").at("spec.type").asText()).isEqualTo("database");
        assertThat(repository().byRef(a, EntityRef.parse("resource:default/b-only")))
                .isEmpty();
        assertThat(repository().byUid(a, uidInB)).isEmpty();
        assertThat(repository().count(a, EntityFilter.ALL, null)).isEqualTo(1);
        assertThat(repository().count(a, filter("spec.type=cache"), null)).isZero();
        assertThat(names(RepositoryFixture.query(a, EntityFilter.ALL, List.of(), null)))
                .containsExactly("db");
        assertThat(repository().facets(a, List.of("spec.type"), EntityFilter.ALL))
                .containsEntry("spec.type", List.of(new FacetCount("database", 1)));
        assertThat(repository().byRefs(a, List.of(EntityRef.parse("resource:default/b-only")), EntityFilter.ALL))
                .containsExactly(Optional.empty());
        assertThat(repository().count(TenantScope.ALL, EntityFilter.ALL, null)).isEqualTo(3);
    }

    @Test
    default void across_all_tenants_a_ref_held_twice_resolves_to_the_lowest_tenant() {
        upsert("zulu", SOURCE, Entities.resource("db").type("cache").build());
        upsert("alpha", SOURCE, Entities.resource("db").type("database").build());

        assertThat(byRef(TenantScope.ALL, "resource:default/db").at("spec.type").asText())
                .isEqualTo("database");
        assertThat(repository()
                        .byRefs(TenantScope.ALL, List.of(EntityRef.parse("resource:default/db")), EntityFilter.ALL)
                        .getFirst()
                        .map(e -> e.at("spec.type").asText()))
                .contains("database");
    }

    @Test
    default void by_refs_answers_in_request_order_with_empties_for_unknown_and_filtered_refs() {
        upsert(
                Entities.resource("a").type("database").build(),
                Entities.resource("b").type("cache").build(),
                Entities.resource("c").type("database").build());
        List<EntityRef> refs = List.of(
                EntityRef.parse("resource:default/C"),
                EntityRef.parse("resource:default/missing"),
                EntityRef.parse("resource:default/a"),
                EntityRef.parse("resource:default/b"));

        assertThat(repository().byRefs(ACME, refs, EntityFilter.ALL))
                .extracting(found -> found.map(Entity::name).orElse(null))
                .containsExactly("c", null, "a", "b");
        assertThat(repository().byRefs(ACME, refs, filter("spec.type=database")))
                .extracting(found -> found.map(Entity::name).orElse(null))
                .containsExactly("c", null, "a", null);
        assertThat(repository().byRefs(ACME, List.of(), EntityFilter.ALL)).isEmpty();
    }

    @Test
    default void relations_include_the_inverses_other_entities_state_sorted_by_type_and_target() {
        upsert(
                Entities.group("team").withoutSpec("owner").build(),
                Entities.resource("db2").owner("group:default/team").build(),
                Entities.resource("db1").owner("group:default/team").build(),
                Entities.resource("schema").owner("resource:default/db1").build());

        assertThat(byRef(ACME, "group:default/team").at("relations").toString())
                .isEqualTo("[{\"type\":\"ownerOf\",\"targetRef\":\"resource:default/db1\"},"
                        + "{\"type\":\"ownerOf\",\"targetRef\":\"resource:default/db2\"}]");
        assertThat(byRef(ACME, "resource:default/db1").at("relations").toString())
                .isEqualTo("[{\"type\":\"ownedBy\",\"targetRef\":\"group:default/team\"},"
                        + "{\"type\":\"ownerOf\",\"targetRef\":\"resource:default/schema\"}]");
    }

    @Test
    default void a_page_carries_the_relations_of_each_of_its_entities() {
        upsert(
                Entities.resource("one").owner("group:default/x").build(),
                Entities.resource("two").owner("group:default/y").build());

        List<Entity> page = repository()
                .find(RepositoryFixture.query(
                        ACME, EntityFilter.ALL, List.of(RepositoryFixture.asc("metadata.name")), 10))
                .items();

        assertThat(page)
                .extracting(e -> e.at("relations").get(0).get("targetRef").asText())
                .containsExactly("group:default/x", "group:default/y");
    }

    @Test
    default void find_all_returns_every_visible_entity_complete() {
        upsert(Entities.resource("db").build());

        List<Entity> all = repository().find(EntityQuery.all(ACME)).items();

        assertThat(all).singleElement().satisfies(e -> {
            assertThat(e.at("metadata.uid").isTextual()).isTrue();
            assertThat(e.at("metadata.etag").isTextual()).isTrue();
            assertThat(e.at("relations").isArray()).isTrue();
        });
    }
}
