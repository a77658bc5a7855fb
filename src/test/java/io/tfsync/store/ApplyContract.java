package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.OwnershipConflict;
import io.tfsync.catalog.TenantScope;
import io.tfsync.testing.Entities;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link io.tfsync.catalog.EntityRepository#apply}: inserts, updates, no-ops, conflicts, removals, rollback. */
interface ApplyContract extends RepositoryFixture {

    @Test
    default void a_new_entity_is_stored_with_uid_etag_timestamps_and_relations() {
        ApplyResult result =
                upsert(Entities.resource("db").owner("group:default/team").build());

        assertThat(result).isEqualTo(new ApplyResult(1, 0, 0, 0, List.of()));
        Entity stored = byRef(ACME, "resource:default/db");
        assertThat(stored.at("metadata.uid").asText()).matches("[0-9a-f-]{36}");
        assertThat(stored.at("metadata.etag").asText()).isNotBlank();
        assertThat(stored.at("relations").toString())
                .isEqualTo("[{\"type\":\"ownedBy\",\"targetRef\":\"group:default/team\"}]");
        String uid = stored.at("metadata.uid").asText();
        long now = clock().millis();
        assertThat(database()
                        .queryRows(
                                "SELECT created_at, updated_at, owner_source, tenant FROM entities WHERE uid = ?", uid))
                .containsExactly(List.of(String.valueOf(now), String.valueOf(now), SOURCE, TENANT));
        assertThat(database()
                        .queryLong(
                                "SELECT COUNT(*) FROM entity_search WHERE entity_uid = ? AND key = 'metadata.uid'",
                                uid))
                .isEqualTo(1);
    }

    @Test
    default void an_entitys_etag_changes_when_another_entity_starts_or_stops_pointing_at_it() {
        upsert(
                Entities.group("team").build(),
                Entities.resource("db").owner("group:default/team").build());
        String before = byRef(ACME, "group:default/team").at("metadata.etag").asText();
        String storedBefore = database()
                .queryRows("SELECT etag FROM entities WHERE entity_ref = 'group:default/team'")
                .toString();

        upsert(Entities.resource("cache").owner("group:default/team").build());
        String after = byRef(ACME, "group:default/team").at("metadata.etag").asText();
        assertThat(after).isNotEqualTo(before);
        // The group's own content did not change, so neither did its row.
        assertThat(database()
                        .queryRows("SELECT etag FROM entities WHERE entity_ref = 'group:default/team'")
                        .toString())
                .isEqualTo(storedBefore);

        remove(TENANT, SOURCE, "resource:default/cache");
        assertThat(byRef(ACME, "group:default/team").at("metadata.etag").asText())
                .isEqualTo(before);
    }

    @Test
    default void applying_the_same_content_again_writes_nothing() {
        upsert(Entities.resource("db")
                .owner("group:default/team")
                .tags("b", "a")
                .build());
        String uid = uidOf("resource:default/db");
        List<List<String>> before = snapshot(uid);
        clock().advance(Duration.ofHours(1));

        // Same content, keys written in another order.
        Entity reordered = Entities.of("Resource", "db")
                .type("database")
                .owner("group:default/team")
                .tags("b", "a")
                .build();
        ApplyResult result = upsert(reordered);

        assertThat(result).isEqualTo(new ApplyResult(0, 0, 0, 1, List.of()));
        assertThat(result.changedAnything()).isFalse();
        assertThat(snapshot(uid)).isEqualTo(before);
    }

    /** Every row of the entity and what derives from it, with the versions of the rows themselves. */
    private List<List<String>> snapshot(String uid) {
        var rows = new java.util.ArrayList<List<String>>();
        rows.addAll(database()
                .queryRows(
                        "SELECT " + rowVersion() + ", entity_json, etag, created_at, updated_at"
                                + " FROM entities WHERE uid = ?",
                        uid));
        rows.addAll(database()
                .queryRows(
                        "SELECT " + rowVersion() + ", key, value FROM entity_search"
                                + " WHERE entity_uid = ? ORDER BY key, value",
                        uid));
        rows.addAll(database()
                .queryRows(
                        "SELECT " + rowVersion() + ", source_ref, type, target_ref FROM relations"
                                + " WHERE originating_uid = ? ORDER BY source_ref, type",
                        uid));
        return rows;
    }

    @Test
    default void changed_content_updates_the_entity_and_replaces_its_search_rows_and_relations() {
        upsert(Entities.resource("db")
                .owner("group:default/team-a")
                .type("database")
                .build());
        Entity before = byRef(ACME, "resource:default/db");
        long created = clock().millis();
        clock().advance(Duration.ofMinutes(5));

        ApplyResult result = upsert(Entities.resource("db")
                .owner("group:default/team-b")
                .type("cache")
                .build());

        assertThat(result).isEqualTo(new ApplyResult(0, 1, 0, 0, List.of()));
        Entity after = byRef(ACME, "resource:default/db");
        assertThat(after.at("metadata.uid")).isEqualTo(before.at("metadata.uid"));
        assertThat(after.at("metadata.etag")).isNotEqualTo(before.at("metadata.etag"));
        assertThat(after.at("spec.type").asText()).isEqualTo("cache");
        assertThat(after.at("relations").toString())
                .contains("group:default/team-b")
                .doesNotContain("team-a");
        assertThat(repository().count(ACME, RepositoryFixture.filter("spec.type=database"), null))
                .isZero();
        assertThat(repository().count(ACME, RepositoryFixture.filter("spec.type=cache"), null))
                .isEqualTo(1);
        assertThat(database().queryLong("SELECT COUNT(*) FROM relations WHERE source_ref = 'group:default/team-a'"))
                .isZero();
        assertThat(database().queryRows("SELECT created_at, updated_at FROM entities"))
                .containsExactly(List.of(String.valueOf(created), String.valueOf(clock().millis())));
    }

    @Test
    default void an_entity_owned_by_another_source_is_left_alone_and_reported() {
        upsert(TENANT, "tfc:acme/a", Entities.resource("db").type("database").build());
        Entity before = byRef(ACME, "resource:default/db");

        ApplyResult result = upsert(
                TENANT, "tfc:acme/b", Entities.resource("DB").type("cache").build());

        assertThat(result.added() + result.updated() + result.unchanged()).isZero();
        assertThat(result.conflicts())
                .containsExactly(
                        new OwnershipConflict(new EntityRef("Resource", "default", "DB"), "tfc:acme/b", "tfc:acme/a"));
        assertThat(byRef(ACME, "resource:default/db")).isEqualTo(before);
    }

    @Test
    default void removals_delete_only_the_sources_own_entities_with_their_rows() {
        upsert(TENANT, "tfc:acme/a", Entities.resource("mine").build());
        upsert(TENANT, "tfc:acme/b", Entities.resource("theirs").build());
        upsert("other", "tfc:acme/a", Entities.resource("mine").build());
        String mine = uidOf("resource:default/mine");

        ApplyResult result = remove(
                TENANT, "tfc:acme/a", "resource:default/mine", "resource:default/theirs", "resource:default/unknown");

        assertThat(result.removed()).isEqualTo(1);
        assertThat(result.conflicts())
                .containsExactly(
                        new OwnershipConflict(EntityRef.parse("resource:default/theirs"), "tfc:acme/a", "tfc:acme/b"));
        assertThat(repository().byRef(ACME, EntityRef.parse("resource:default/mine")))
                .isEmpty();
        assertThat(repository().byRef(ACME, EntityRef.parse("resource:default/theirs")))
                .isPresent();
        assertThat(repository().byRef(TenantScope.of("other"), EntityRef.parse("resource:default/mine")))
                .isPresent();
        assertThat(database().queryLong("SELECT COUNT(*) FROM entity_search WHERE entity_uid = ?", mine))
                .isZero();
        assertThat(database().queryLong("SELECT COUNT(*) FROM relations WHERE originating_uid = ?", mine))
                .isZero();
    }

    @Test
    default void the_same_ref_in_two_tenants_is_two_entities() {
        upsert("a", SOURCE, Entities.resource("db").type("database").build());
        upsert("b", SOURCE, Entities.resource("db").type("cache").build());

        Entity inA = byRef(TenantScope.of("a"), "resource:default/db");
        Entity inB = byRef(TenantScope.of("b"), "resource:default/db");

        assertThat(inA.at("metadata.uid")).isNotEqualTo(inB.at("metadata.uid"));
        assertThat(inA.at("spec.type").asText()).isEqualTo("database");
        assertThat(inB.at("spec.type").asText()).isEqualTo("cache");
    }

    @Test
    default void a_failure_in_the_middle_of_apply_rolls_back_everything() {
        upsert(
                Entities.resource("kept").type("database").build(),
                Entities.resource("doomed").build());
        Entity kept = byRef(ACME, "resource:default/kept");
        long searchRows = database().queryLong("SELECT COUNT(*) FROM entity_search");
        database().plantFailure();
        try {
            ChangeSet changes = new ChangeSet(
                    TENANT,
                    SOURCE,
                    List.of(
                            Entities.resource("new").build(),
                            Entities.resource("kept").type("cache").build(),
                            Entities.resource("fails").type("explode").build()),
                    List.of(EntityRef.parse("resource:default/doomed")));

            assertThatThrownBy(() -> repository().apply(changes)).isInstanceOf(RuntimeException.class);
        } finally {
            database().removePlantedFailure();
        }

        assertThat(names(repository()
                        .find(RepositoryFixture.query(ACME, io.tfsync.catalog.EntityFilter.ALL, List.of(), null))
                        .items()))
                .containsExactlyInAnyOrder("kept", "doomed");
        assertThat(byRef(ACME, "resource:default/kept")).isEqualTo(kept);
        assertThat(database().queryLong("SELECT COUNT(*) FROM entity_search")).isEqualTo(searchRows);
        assertThat(database().queryLong("SELECT COUNT(*) FROM tenants")).isEqualTo(1);
    }

    @Test
    default void a_change_set_naming_one_ref_twice_is_rejected_before_writing() {
        ChangeSet twice = new ChangeSet(
                TENANT,
                SOURCE,
                List.of(Entities.resource("db").build(), Entities.resource("DB").build()),
                List.of());

        assertThatThrownBy(() -> repository().apply(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than once")
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("resource:default/db"));
        assertThat(database().queryLong("SELECT COUNT(*) FROM entities")).isZero();
    }

    @Test
    default void a_change_set_without_tenant_or_owner_source_is_rejected() {
        ChangeSet noTenant =
                new ChangeSet(" ", SOURCE, List.of(Entities.resource("db").build()), List.of());

        assertThatThrownBy(() -> repository().apply(noTenant))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant");
        assertThat(database().queryLong("SELECT COUNT(*) FROM tenants")).isZero();
    }

    @Test
    default void the_uid_search_row_is_the_stored_uid_whatever_the_entity_carried() {
        Entity carryingAUid = Entities.resource("db").build();
        var json = carryingAUid.toJson();
        json.withObjectProperty("metadata").put("uid", "copied-from-elsewhere");
        upsert(Entity.of(json));
        String uid = uidOf("resource:default/db");

        assertThat(database().queryRows("SELECT value FROM entity_search WHERE key = 'metadata.uid'"))
                .containsExactly(List.of(uid));
        assertThat(repository().count(ACME, RepositoryFixture.filter("metadata.uid=" + uid), null))
                .isEqualTo(1);
    }
}
