package io.tfsync.catalog;

import static io.tfsync.catalog.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityContentTest {

    private static final Entity DB = yaml("""
            apiVersion: backstage.io/v1alpha1
            kind: Resource
            metadata: { name: DB, namespace: payments, tags: [postgres] }
            spec: { type: database, owner: team-a, dependsOn: [resource:vpc] }
            """);

    @Test
    void the_content_carries_the_relations_the_spec_states_and_their_search_rows() {
        EntityContent content = EntityContent.of(DB);

        assertThat(content.ref()).isEqualTo(new EntityRef("Resource", "payments", "DB"));
        assertThat(content.relations()).isEqualTo(Relations.of(DB));
        assertThat(content.searchRows())
                .contains(
                        new SearchRow("metadata.name", "db", "DB"),
                        new SearchRow("metadata.tags.postgres", "true", "true"),
                        new SearchRow("relations.ownedby", "group:payments/team-a", "group:payments/team-a"),
                        new SearchRow("relations.dependson", "resource:payments/vpc", "resource:payments/vpc"))
                .extracting(SearchRow::key)
                .doesNotContain("relations.ownerof", "relations.dependencyof");
        assertThat(content.contentHash()).isEqualTo(CanonicalJson.hash(content.canonicalJson()));
    }

    @Test
    void the_same_entity_written_in_another_key_order_has_the_same_content_hash() {
        Entity reordered = yaml("""
                spec: { dependsOn: [resource:vpc], owner: team-a, type: database }
                metadata: { tags: [postgres], namespace: payments, name: DB }
                kind: Resource
                apiVersion: backstage.io/v1alpha1
                """);

        assertThat(EntityContent.of(reordered).contentHash())
                .isEqualTo(EntityContent.of(DB).contentHash());
    }

    @Test
    void a_changed_entity_has_another_content_hash() {
        Entity otherOwner = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: DB, namespace: payments, tags: [postgres] }
                spec: { type: database, owner: team-b, dependsOn: [resource:vpc] }
                """);

        assertThat(EntityContent.of(otherOwner).contentHash())
                .isNotEqualTo(EntityContent.of(DB).contentHash());
    }
}
