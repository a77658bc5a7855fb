package io.tfsync.catalog;

import static io.tfsync.catalog.TestEntities.json;
import static io.tfsync.catalog.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of Backstage's buildEntitySearch.test.ts, and what tfsync adds to them. */
class SearchRowsTest {

    private static List<String> leaves(String json) {
        return SearchRows.leaves(json(json)).stream()
                .map(l -> l.key() + "=" + l.value())
                .toList();
    }

    private static Entity entity(String json) {
        return Entity.of((ObjectNode) json(json));
    }

    private static SearchRow row(String key, String value) {
        return new SearchRow(key, value, value);
    }

    @Test
    void lists_of_strings_give_a_row_per_item_and_a_true_row_per_item() {
        assertThat(leaves("{\"a\": [\"b\", \"c\", \"d\"]}"))
                .containsExactly("a=b", "a.b=true", "a=c", "a.c=true", "a=d", "a.d=true");
    }

    @Test
    void objects_are_walked_to_their_leaves() {
        assertThat(leaves("{\"a\": {\"b\": {\"c\": \"d\"}, \"e\": \"f\"}}")).containsExactly("a.b.c=d", "a.e=f");
    }

    @Test
    void lists_of_objects_share_the_list_path() {
        assertThat(leaves("{\"root\": {\"list\": [{\"a\": 1}, {\"a\": 2}]}}"))
                .containsExactly("root.list.a=1", "root.list.a=2");
    }

    @Test
    void special_keys_are_not_walked() {
        String input = """
                {"status": {"x": 1}, "attachments": [{"y": 2}], "relations": [{"z": 3}], "a": "a",
                 "metadata": {"b": "b", "name": "name", "namespace": "namespace", "uid": "uid", "etag": "etag", "c": "c"},
                 "d": "d"}
                """;
        assertThat(leaves(input)).containsExactly("a=a", "metadata.b=b", "metadata.c=c", "d=d");
    }

    @Test
    void scalars_become_strings_and_null_stays_null() {
        Entity e = entity("""
                {"apiVersion": "a", "kind": "b", "metadata": {"name": "n", "namespace": "ns"},
                 "spec": {"a": true, "b": false, "c": 7, "d": "string", "e": null}}
                """);

        assertThat(SearchRows.of(e, List.of()))
                .contains(
                        row("spec.a", "true"),
                        row("spec.b", "false"),
                        row("spec.c", "7"),
                        row("spec.d", "string"),
                        new SearchRow("spec.e", null, null));
    }

    @Test
    void numbers_print_as_javascript_prints_them() {
        Entity e = entity("""
                {"apiVersion": "a", "kind": "b", "metadata": {"name": "n"},
                 "spec": {"a": 1.0, "b": 1.5, "c": 0.0000001, "d": 1e21, "e": -2.5e-8, "f": 123456789012, "g": 0.000001}}
                """);

        assertThat(SearchRows.of(e, List.of()))
                .contains(
                        row("spec.a", "1"),
                        row("spec.b", "1.5"),
                        row("spec.c", "1e-7"),
                        row("spec.d", "1e+21"),
                        row("spec.e", "-2.5e-8"),
                        row("spec.f", "123456789012"),
                        row("spec.g", "0.000001"));
    }

    @Test
    void keys_and_values_are_lower_cased_and_the_original_value_is_kept() {
        Entity e =
                entity("{\"apiVersion\": \"a\", \"kind\": \"b\", \"metadata\": {\"name\": \"n\"}, \"fOo\": \"BaR\"}");

        assertThat(SearchRows.of(e, List.of())).contains(new SearchRow("foo", "bar", "BaR"));
    }

    @Test
    void stored_values_are_not_trimmed() {
        Entity e = entity(
                "{\"apiVersion\": \"a\", \"kind\": \"b\", \"metadata\": {\"name\": \"n\", \"title\": \" Padded \"}}");

        assertThat(SearchRows.of(e, List.of())).contains(new SearchRow("metadata.title", " padded ", " Padded "));
    }

    @Test
    void filter_input_is_trimmed_and_lower_cased() {
        assertThat(SearchRows.normalize("  Spec.Type ")).isEqualTo("spec.type");
        assertThat(SearchRows.lowerCase("  Spec.Type ")).isEqualTo("  spec.type ");
    }

    @Test
    void a_key_longer_than_200_characters_gets_no_row() {
        ObjectNode json =
                (ObjectNode) json("{\"apiVersion\": \"a\", \"kind\": \"b\", \"metadata\": {\"name\": \"n\"}}");
        json.putObject("spec").put("k".repeat(196), "foo").put("j".repeat(195), "bar");

        List<SearchRow> rows = SearchRows.of(Entity.of(json), List.of());

        assertThat(rows).extracting(SearchRow::key).doesNotContain("spec." + "k".repeat(196));
        assertThat(rows).contains(row("spec." + "j".repeat(195), "bar"));
    }

    @Test
    void a_value_longer_than_200_characters_is_stored_as_null() {
        ObjectNode json =
                (ObjectNode) json("{\"apiVersion\": \"a\", \"kind\": \"b\", \"metadata\": {\"name\": \"n\"}}");
        json.putObject("spec").put("long", "a".repeat(201)).put("edge", "b".repeat(200));

        List<SearchRow> rows = SearchRows.of(Entity.of(json), List.of());

        assertThat(rows).contains(new SearchRow("spec.long", null, null), row("spec.edge", "b".repeat(200)));
    }

    @Test
    void name_namespace_and_uid_always_have_a_row_and_a_missing_namespace_also_matches_default() {
        Entity e = entity("{\"apiVersion\": \"a\", \"kind\": \"b\", \"metadata\": {\"name\": \"n\"}}");

        assertThat(SearchRows.of(e, List.of()))
                .containsExactly(
                        row("apiversion", "a"),
                        row("kind", "b"),
                        row("metadata.name", "n"),
                        new SearchRow("metadata.namespace", null, null),
                        new SearchRow("metadata.uid", null, null),
                        row("metadata.namespace", "default"));
    }

    @Test
    void a_stored_entity_gets_rows_for_its_namespace_and_uid_but_not_its_etag() {
        Entity e = entity("""
                {"apiVersion": "a", "kind": "b",
                 "metadata": {"name": "N", "namespace": "ns", "uid": "u-1", "etag": "e-1"}}
                """);

        assertThat(SearchRows.of(e, List.of()))
                .containsExactly(
                        row("apiversion", "a"),
                        row("kind", "b"),
                        new SearchRow("metadata.name", "n", "N"),
                        row("metadata.namespace", "ns"),
                        row("metadata.uid", "u-1"));
    }

    @Test
    void relations_of_the_entity_give_rows_with_the_lower_cased_target_ref() {
        Entity e = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: db }
                spec: { type: database, owner: Team-A }
                """);
        Relation incoming = new Relation(new EntityRef("Component", "default", "api"), "dependsOn", e.ref());
        Relation inverseStatedElsewhere =
                new Relation(e.ref(), "dependencyOf", new EntityRef("Component", "default", "API"));

        List<SearchRow> rows = SearchRows.of(e, List.of(incoming, inverseStatedElsewhere));
        List<SearchRow> withSpecRelations = SearchRows.of(e, Relations.of(e));

        assertThat(rows)
                .contains(new SearchRow("relations.dependencyof", "component:default/api", "component:default/api"));
        assertThat(rows).extracting(SearchRow::key).doesNotContain("relations.dependson");
        assertThat(withSpecRelations).contains(row("relations.ownedby", "group:default/team-a"));
        assertThat(withSpecRelations).extracting(SearchRow::key).doesNotContain("relations.ownerof");
    }

    @Test
    void identical_rows_appear_once() {
        Entity e = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: { name: n, tags: [java, java, Java] }
                """);

        List<SearchRow> rows = SearchRows.of(e, List.of());

        assertThat(rows).containsOnlyOnce(row("metadata.tags", "java"), row("metadata.tags.java", "true"));
        assertThat(rows).contains(new SearchRow("metadata.tags", "java", "Java"));
        assertThat(rows).doesNotHaveDuplicates();
    }

    @Test
    void an_array_item_row_is_not_added_when_a_key_of_that_name_exists_in_any_case() {
        assertThat(leaves("{\"a.B\": \"x\", \"a\": [\"b\"]}")).containsExactly("a.B=x", "a=b");
        assertThat(leaves("{\"a\": [\"B\", \"b\"]}")).containsExactly("a=B", "a.B=true", "a=b");
    }
}
