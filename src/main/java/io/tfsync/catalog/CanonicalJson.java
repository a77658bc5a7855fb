package io.tfsync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical form of an entity: its JSON with object keys sorted at every depth, and without the
 * fields the store fills in ({@code metadata.uid}, {@code metadata.etag}, {@code
 * metadata.generation}, {@code relations}). Equal content gives equal bytes, whatever order the keys
 * were written in; any other change to a value changes the bytes.
 *
 * <p>Numbers compare as JSON numbers, as in Backstage (JavaScript): a whole number written as
 * {@code 2.0} is written {@code 2}. Array order is content and is kept.
 */
public final class CanonicalJson {

    private static final JsonMapper SORTED =
            JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private static final double LONG_RANGE = 0x1p63;

    private CanonicalJson() {}

    /** The entity's canonical JSON. */
    public static String of(Entity entity) {
        ObjectNode json = entity.toJson();
        json.remove("relations");
        if (json.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("uid");
            metadata.remove("etag");
            metadata.remove("generation");
        }
        return write(json);
    }

    /** Any JSON tree written with sorted keys and whole numbers without a fraction. */
    public static String write(JsonNode json) {
        try {
            return SORTED.writeValueAsString(wholeNumbers(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** SHA-256 of the canonical JSON, lower-case hex. */
    public static String hash(String canonicalJson) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static JsonNode wholeNumbers(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            boolean whole = d == Math.rint(d) && Math.abs(d) < LONG_RANGE;
            return whole ? LongNode.valueOf((long) d) : node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), wholeNumbers(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(wholeNumbers(item)));
            return copy;
        }
        return node;
    }
}
