package io.tfsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tfsync.catalog.ChangeSet;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.TenantScope;
import io.tfsync.testing.Entities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The entity in each event is, byte for byte, what a read shows once the write has committed,
 * relations included: those the entity states, those other entities of the same write state about
 * it, and those stored entities the write left alone state about it, but none from what it replaced
 * or removed.
 */
interface EventJsonContract extends RepositoryFixture {

    String OTHER_SOURCE = "tfc:acme/platform";

    @Test
    default void each_event_shows_the_entity_as_read_after_the_commit() {
        long head = 0;
        // a states relations about a group and a resource that do not exist yet.
        upsert(Entities.resource("a")
                .owner("group:default/team")
                .spec("dependsOn", dependsOn("resource:default/b"))
                .build());
        head = assertEventsShowTheCatalog(head, "added:resource:default/a");

        // Both show what the stored a states about them.
        upsert(Entities.group("team").build(), Entities.resource("b").build());
        head = assertEventsShowTheCatalog(head, "added:group:default/team", "added:resource:default/b");

        // a drops b for c, written in the same change set, and d, also new, depends on a; b, changed
        // too, shows one relation fewer.
        upsert(
                Entities.resource("a")
                        .owner("group:default/team")
                        .spec("dependsOn", dependsOn("resource:default/c"))
                        .build(),
                Entities.resource("b").tags("x").build(),
                Entities.resource("c").build(),
                Entities.resource("d")
                        .owner("group:default/team")
                        .spec("dependsOn", dependsOn("Resource:Default/A"))
                        .build());
        head = assertEventsShowTheCatalog(
                head,
                "updated:resource:default/a",
                "updated:resource:default/b",
                "added:resource:default/c",
                "added:resource:default/d",
                "updated:group:default/team");

        // Another source's entity states a relation about c.
        upsert(
                TENANT,
                OTHER_SOURCE,
                Entities.resource("e")
                        .spec("dependsOn", dependsOn("resource:default/c"))
                        .build());
        head = assertEventsShowTheCatalog(head, "added:resource:default/e", "updated:resource:default/c");

        // c changes and d goes: c keeps what a (rewritten, still depending on c) and e (another
        // source's, left alone) state about it, and a, changed too, loses what d stated.
        repository()
                .apply(new ChangeSet(
                        TENANT,
                        SOURCE,
                        List.of(
                                Entities.resource("a")
                                        .owner("group:default/team")
                                        .spec("dependsOn", dependsOn("resource:default/c"))
                                        .tags("y")
                                        .build(),
                                Entities.resource("c").tags("x").build()),
                        List.of(EntityRef.parse("resource:default/d"))));
        assertEventsShowTheCatalog(
                head,
                "updated:resource:default/a",
                "updated:resource:default/c",
                "removed:resource:default/d",
                "updated:group:default/team");
        assertThat(byRef(ACME, "resource:default/c").at("relations").toString())
                .contains("resource:default/a", "resource:default/e");
    }

    private static com.fasterxml.jackson.databind.JsonNode dependsOn(String... refs) {
        var array = JsonMapper.builder().build().createArrayNode();
        for (String ref : refs) {
            array.add(ref);
        }
        return array;
    }

    /** Checks the events after {@code head} and returns the new head. */
    private long assertEventsShowTheCatalog(long head, String... expected) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> seen = new ArrayList<>();
        long last = head;
        for (List<String> event : database()
                .queryRows(
                        "SELECT event_offset, type, entity_ref, entity_json FROM events"
                                + " WHERE event_offset > ? ORDER BY event_offset",
                        head)) {
            last = Long.parseLong(event.get(0));
            seen.add(event.get(1) + ":" + event.get(2));
            if (event.get(3) != null) {
                try {
                    String read = json.writeValueAsString(
                            byRef(TenantScope.ALL, event.get(2)).toJson());
                    assertThat(event.get(3)).as(event.get(2)).isEqualTo(read);
                } catch (JsonProcessingException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(seen).containsExactly(expected);
        return last;
    }
}
