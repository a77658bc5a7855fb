package io.tfsync.catalog;

import static io.tfsync.catalog.TestEntities.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backstage's fields projection, with the cases of parseEntityTransformParams.test.ts. */
class EntityFieldsTest {

    private final ObjectNode entity = (ObjectNode) json("""
            {"apiVersion": "av", "kind": "k",
             "metadata": {"name": "n", "tags": ["t1", "t2"], "annotations": {"backstage.io/x": "y"}},
             "spec": {"type": "t", "owner": null}}
            """);

    private String select(String... fields) {
        return EntityFields.parse(List.of(fields)).select(entity).toString();
    }

    @Test
    void no_fields_select_the_whole_entity() {
        for (List<String> none : List.of(List.<String>of(), List.of(""), List.of(","), List.of(" , "))) {
            EntityFields fields = EntityFields.parse(none);
            assertThat(fields.selectsAll()).isTrue();
            assertThat(fields.select(entity)).isEqualTo(entity).isNotSameAs(entity);
        }
    }

    @Test
    void one_entry_or_several_entries_select_the_same() {
        assertThat(select("kind")).isEqualTo("{\"kind\":\"k\"}");
        assertThat(select("kind", "apiVersion")).isEqualTo("{\"kind\":\"k\",\"apiVersion\":\"av\"}");
        assertThat(select("kind,apiVersion")).isEqualTo("{\"kind\":\"k\",\"apiVersion\":\"av\"}");
        assertThat(EntityFields.parse(List.of(" kind , metadata.name ")).fields())
                .containsExactly("kind", "metadata.name");
    }

    @Test
    void sub_paths_keep_their_parents_and_whole_objects_are_kept_whole() {
        assertThat(select("kind,metadata.name")).isEqualTo("{\"kind\":\"k\",\"metadata\":{\"name\":\"n\"}}");
        assertThat(select("metadata").replace("\"annotations\":{\"backstage.io/x\":\"y\"}", "A"))
                .isEqualTo("{\"metadata\":{\"name\":\"n\",\"tags\":[\"t1\",\"t2\"],A}}");
        assertThat(select("metadata.name", "metadata")).isEqualTo(select("metadata"));
        assertThat(select("metadata", "metadata.name")).isEqualTo(select("metadata"));
    }

    @Test
    void missing_paths_are_left_out_and_null_values_kept() {
        assertThat(select("spec.lifecycle", "status", "metadata.name.x")).isEqualTo("{}");
        assertThat(select("spec.owner")).isEqualTo("{\"spec\":{\"owner\":null}}");
    }

    @Test
    void array_items_are_reached_by_index_as_lodash_does() {
        assertThat(select("metadata.tags.1")).isEqualTo("{\"metadata\":{\"tags\":[null,\"t2\"]}}");
        assertThat(select("metadata.tags.0", "metadata.tags.1")).isEqualTo("{\"metadata\":{\"tags\":[\"t1\",\"t2\"]}}");
        assertThat(select("metadata.tags.2")).isEqualTo("{}");
    }

    @Test
    void a_key_holding_dots_cannot_be_selected_on_its_own() {
        assertThat(select("metadata.annotations.backstage.io/x")).isEqualTo("{}");
    }

    @Test
    void the_selection_is_a_copy() {
        ObjectNode selected = EntityFields.parse(List.of("metadata")).select(entity);
        ((ObjectNode) selected.get("metadata")).put("name", "changed");

        assertThat(entity.at("/metadata/name").asText()).isEqualTo("n");
    }

    @Test
    void array_brackets_are_rejected() {
        assertThatThrownBy(() -> EntityFields.parse(List.of("metadata.tags[0]")))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("array type fields are not supported");
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"name", "Kind", "metadataa", "foo.bar"})
    void a_path_must_start_at_a_root_field(String field) {
        assertThatThrownBy(() -> EntityFields.parse(List.of("kind", field)))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage("Invalid field '" + field
                        + "': a field must start with one of apiVersion, kind, metadata, spec, relations, status");
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"metadata.", ".kind", "metadata..name"})
    void a_path_has_no_empty_parts(String field) {
        assertThatThrownBy(() -> EntityFields.parse(List.of(field)))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("without empty parts");
    }
}
