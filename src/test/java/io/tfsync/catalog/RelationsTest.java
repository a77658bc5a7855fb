package io.tfsync.catalog;

import static io.tfsync.catalog.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The relations of BuiltinKindsEntityProcessor, kind by kind. */
class RelationsTest {

    private static List<String> describe(List<Relation> relations) {
        return relations.stream()
                .map(r -> r.source() + " " + r.type() + " " + r.target())
                .toList();
    }

    @Test
    void a_resource_states_owner_dependencies_and_system_each_with_its_inverse() {
        Entity resource = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: db, namespace: payments }
                spec:
                  type: database
                  owner: team-a
                  dependsOn: [resource:vpc, component:default/api]
                  dependencyOf: [component:billing]
                  system: ledger
                """);

        assertThat(describe(Relations.of(resource)))
                .containsExactly(
                        "resource:payments/db ownedBy group:payments/team-a",
                        "group:payments/team-a ownerOf resource:payments/db",
                        "resource:payments/db dependsOn resource:payments/vpc",
                        "resource:payments/vpc dependencyOf resource:payments/db",
                        "resource:payments/db dependsOn component:default/api",
                        "component:default/api dependencyOf resource:payments/db",
                        "resource:payments/db dependencyOf component:payments/billing",
                        "component:payments/billing dependsOn resource:payments/db",
                        "resource:payments/db partOf system:payments/ledger",
                        "system:payments/ledger hasPart resource:payments/db");
    }

    @Test
    void the_default_kinds_are_backstages_capitalised_kinds() {
        Entity component = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: { name: web }
                spec: { type: website, lifecycle: production, owner: team-a, system: shop }
                """);

        assertThat(Relations.of(component))
                .extracting(r -> r.target().kind())
                .containsExactly("Group", "Component", "System", "Component");
    }

    @Test
    void a_component_states_every_relation_its_spec_names() {
        Entity component = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: { name: web }
                spec:
                  type: website
                  lifecycle: production
                  owner: user:jane
                  subcomponentOf: shop
                  providesApis: [web-api]
                  consumesApis: [api:other/search]
                  dependsOn: [resource:db]
                  dependencyOf: [component:mobile]
                  system: shop
                """);

        assertThat(describe(Relations.of(component)))
                .containsExactly(
                        "component:default/web ownedBy user:default/jane",
                        "user:default/jane ownerOf component:default/web",
                        "component:default/web partOf component:default/shop",
                        "component:default/shop hasPart component:default/web",
                        "component:default/web providesApi api:default/web-api",
                        "api:default/web-api apiProvidedBy component:default/web",
                        "component:default/web consumesApi api:other/search",
                        "api:other/search apiConsumedBy component:default/web",
                        "component:default/web dependsOn resource:default/db",
                        "resource:default/db dependencyOf component:default/web",
                        "component:default/web dependencyOf component:default/mobile",
                        "component:default/mobile dependsOn component:default/web",
                        "component:default/web partOf system:default/shop",
                        "system:default/shop hasPart component:default/web");
    }

    @Test
    void an_api_states_owner_and_system() {
        Entity api = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: { name: search }
                spec: { type: openapi, lifecycle: production, owner: team-a, definition: x, system: shop }
                """);

        assertThat(describe(Relations.of(api)))
                .containsExactly(
                        "api:default/search ownedBy group:default/team-a",
                        "group:default/team-a ownerOf api:default/search",
                        "api:default/search partOf system:default/shop",
                        "system:default/shop hasPart api:default/search");
    }

    @Test
    void a_system_is_part_of_its_domain_and_a_domain_of_its_parent_domain() {
        Entity system = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata: { name: shop }
                spec: { owner: team-a, domain: commerce }
                """);
        Entity domain = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Domain
                metadata: { name: commerce }
                spec: { owner: team-a, subdomainOf: business }
                """);

        assertThat(describe(Relations.of(system)))
                .contains(
                        "system:default/shop partOf domain:default/commerce",
                        "domain:default/commerce hasPart system:default/shop");
        assertThat(describe(Relations.of(domain)))
                .containsExactly(
                        "domain:default/commerce ownedBy group:default/team-a",
                        "group:default/team-a ownerOf domain:default/commerce",
                        "domain:default/commerce partOf domain:default/business",
                        "domain:default/business hasPart domain:default/commerce");
    }

    @Test
    void groups_and_users_state_their_hierarchy_and_membership() {
        Entity group = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Group
                metadata: { name: team-a }
                spec: { type: team, parent: eng, children: [team-a1], members: [jane] }
                """);
        Entity user = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: User
                metadata: { name: jane }
                spec: { memberOf: [team-a] }
                """);

        assertThat(describe(Relations.of(group)))
                .containsExactly(
                        "group:default/team-a childOf group:default/eng",
                        "group:default/eng parentOf group:default/team-a",
                        "group:default/team-a parentOf group:default/team-a1",
                        "group:default/team-a1 childOf group:default/team-a",
                        "group:default/team-a hasMember user:default/jane",
                        "user:default/jane memberOf group:default/team-a");
        assertThat(describe(Relations.of(user)))
                .containsExactly(
                        "user:default/jane memberOf group:default/team-a",
                        "group:default/team-a hasMember user:default/jane");
    }

    @Test
    void odd_values_are_skipped_without_throwing() {
        Entity resource = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: db }
                spec:
                  type: database
                  owner: 7
                  dependsOn: [vpc, "", 3, {a: b}, ":x", resource:ok]
                  system: ""
                """);

        assertThat(describe(Relations.of(resource)))
                .containsExactly(
                        "resource:default/db dependsOn resource:default/ok",
                        "resource:default/ok dependencyOf resource:default/db");
    }

    @Test
    void a_list_field_given_one_ref_and_a_ref_field_given_a_list_both_count_as_backstage_flattens_them() {
        Entity resource = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: db }
                spec: { type: database, owner: [team-a], dependsOn: resource:vpc }
                """);

        assertThat(describe(Relations.of(resource)))
                .containsExactly(
                        "resource:default/db ownedBy group:default/team-a",
                        "group:default/team-a ownerOf resource:default/db",
                        "resource:default/db dependsOn resource:default/vpc",
                        "resource:default/vpc dependencyOf resource:default/db");
    }

    @Test
    void a_relation_stated_twice_appears_once_whatever_its_case() {
        Entity resource = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: db }
                spec: { type: database, owner: team-a, dependsOn: [resource:vpc, Resource:VPC, resource:default/vpc] }
                """);

        assertThat(Relations.of(resource)).hasSize(4);
    }

    @Test
    void kinds_match_exactly_and_other_kinds_state_nothing() {
        Entity lowerCaseKind = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: resource
                metadata: { name: db }
                spec: { type: database, owner: team-a }
                """);
        Entity customKind = yaml("""
                apiVersion: acme.io/v1
                kind: Database
                metadata: { name: db }
                spec: { owner: team-a }
                """);

        assertThat(Relations.of(lowerCaseKind)).isEmpty();
        assertThat(Relations.of(customKind)).isEmpty();
    }

    @Test
    void an_entity_without_a_spec_states_nothing() {
        Entity noSpec = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: db }
                """);

        assertThat(Relations.of(noSpec)).isEmpty();
    }
}
