package io.tfsync.catalog;

import static io.tfsync.catalog.TestEntities.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static Entity entityWithSpec(JsonNode spec) {
        ObjectNode json = NODES.objectNode();
        json.put("apiVersion", "backstage.io/v1alpha1").put("kind", "Resource");
        json.putObject("metadata").put("name", "db");
        json.set("spec", spec);
        return Entity.of(json);
    }

    private static String hashOf(Entity entity) {
        return CanonicalJson.hash(CanonicalJson.of(entity));
    }

    @Test
    void keys_are_sorted_at_every_depth() {
        JsonNode tree = json("{\"b\": {\"z\": 1, \"a\": [{\"y\": 2, \"x\": 3}]}, \"a\": true}");

        assertThat(CanonicalJson.write(tree)).isEqualTo("{\"a\":true,\"b\":{\"a\":[{\"x\":3,\"y\":2}],\"z\":1}}");
    }

    @Test
    void the_fields_the_store_fills_in_are_left_out() {
        Entity stored = Entity.of((ObjectNode) json("""
                {"apiVersion": "v1", "kind": "K", "relations": [{"type": "ownedBy", "targetRef": "group:default/a"}],
                 "metadata": {"name": "n", "uid": "u", "etag": "e", "generation": 3}}
                """));

        assertThat(CanonicalJson.of(stored))
                .isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"K\",\"metadata\":{\"name\":\"n\"}}");
    }

    @Test
    void a_whole_number_with_a_fraction_part_is_the_same_number() {
        assertThat(CanonicalJson.write(json("{\"a\": 2.0, \"b\": 2.5, \"c\": -0.0}")))
                .isEqualTo("{\"a\":2,\"b\":2.5,\"c\":0}");
    }

    @Test
    void the_hash_is_lower_case_sha256_hex() {
        assertThat(CanonicalJson.hash(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Property(tries = 300)
    void key_order_never_changes_the_canonical_form_or_hash(@ForAll("trees") JsonNode spec, @ForAll Random random) {
        Entity original = entityWithSpec(spec);
        Entity reordered = Entity.of((ObjectNode) shuffled(original.toJson(), random));

        assertThat(CanonicalJson.of(reordered)).isEqualTo(CanonicalJson.of(original));
        assertThat(hashOf(reordered)).isEqualTo(hashOf(original));
    }

    @Property(tries = 300)
    void any_value_change_changes_the_hash(@ForAll("trees") JsonNode spec, @ForAll Random random) {
        List<JsonPointer> leaves = new ArrayList<>();
        collectLeaves(spec, JsonPointer.empty(), leaves);
        Assume.that(!leaves.isEmpty());
        JsonPointer leaf = leaves.get(random.nextInt(leaves.size()));
        JsonNode changed = spec.deepCopy();
        replace(changed, leaf, different(spec.at(leaf)));

        assertThat(hashOf(entityWithSpec(changed))).isNotEqualTo(hashOf(entityWithSpec(spec)));
    }

    @Property(tries = 300)
    void reordering_an_array_is_a_change(@ForAll("trees") JsonNode spec) {
        ArrayNode list = NODES.arrayNode().add("first").add("second");
        ObjectNode withList = ((ObjectNode) spec.deepCopy()).set("list", list);
        ObjectNode reversed = ((ObjectNode) spec.deepCopy())
                .set("list", NODES.arrayNode().add("second").add("first"));

        assertThat(hashOf(entityWithSpec(reversed))).isNotEqualTo(hashOf(entityWithSpec(withList)));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return objects(3);
    }

    private Arbitrary<JsonNode> values(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(5).map(TextNode::valueOf),
                Arbitraries.integers().between(-1000, 1000).map(IntNode::valueOf),
                Arbitraries.doubles().between(-1000, 1000).ofScale(2).map(DoubleNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.getInstance()));
        if (depth == 0) {
            return scalars;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalars), Tuple.of(1, objects(depth - 1)), Tuple.of(1, arrays(depth - 1)));
    }

    private Arbitrary<JsonNode> objects(int depth) {
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4), values(depth))
                .ofMaxSize(5)
                .map(map -> {
                    ObjectNode object = NODES.objectNode();
                    map.forEach(object::set);
                    return object;
                });
    }

    private Arbitrary<JsonNode> arrays(int depth) {
        return values(depth).list().ofMaxSize(3).map(items -> NODES.arrayNode().addAll(items));
    }

    private static JsonNode shuffled(JsonNode node, Random random) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            Collections.shuffle(fields, random);
            ObjectNode copy = NODES.objectNode();
            fields.forEach(field -> copy.set(field.getKey(), shuffled(field.getValue(), random)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = NODES.arrayNode();
            array.forEach(item -> copy.add(shuffled(item, random)));
            return copy;
        }
        return node;
    }

    private static void collectLeaves(JsonNode node, JsonPointer at, List<JsonPointer> out) {
        if (node instanceof ObjectNode object) {
            object.properties()
                    .forEach(field -> collectLeaves(field.getValue(), at.appendProperty(field.getKey()), out));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collectLeaves(array.get(i), at.appendIndex(i), out);
            }
        } else {
            out.add(at);
        }
    }

    private static void replace(JsonNode root, JsonPointer leaf, JsonNode value) {
        JsonNode parent = root.at(leaf.head());
        if (parent instanceof ObjectNode object) {
            object.set(leaf.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(leaf.last().getMatchingIndex(), value);
        }
    }

    private static JsonNode different(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(value.asText() + "x");
        }
        if (value.isBoolean()) {
            return BooleanNode.valueOf(!value.asBoolean());
        }
        if (value.isNumber()) {
            return DoubleNode.valueOf(value.doubleValue() + 0.5);
        }
        return TextNode.valueOf("null");
    }
}
