package io.tfsync.catalog;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

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

    private static final Set<String> ROOT_FIELDS_OF_THE_STORE = Set.of("relations");

    private static final Set<String> METADATA_FIELDS_OF_THE_STORE = Set.of("uid", "etag", "generation");

    private CanonicalJson() {}

    /** The entity's canonical JSON. */
    public static String of(Entity entity) {
        return write(entity.json(), true);
    }

    /** Any JSON tree written with sorted keys and whole numbers without a fraction. */
    public static String write(JsonNode json) {
        return write(json, false);
    }

    // Written straight from the tree, leaving out the store's fields on the way: copying the entity
    // to remove them and again to rewrite its numbers cost more than writing it.
    private static String write(JsonNode json, boolean entity) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator generator = SORTED.createGenerator(out)) {
            if (entity && json instanceof ObjectNode root) {
                writeObject(generator, root, ROOT_FIELDS_OF_THE_STORE, true);
            } else {
                writeNode(generator, json);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        return out.toString();
    }

    private static void writeNode(JsonGenerator generator, JsonNode node) throws IOException {
        if (node instanceof ObjectNode object) {
            writeObject(generator, object, Set.of(), false);
        } else if (node instanceof ArrayNode array) {
            generator.writeStartArray();
            for (JsonNode item : array) {
                writeNode(generator, item);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.textValue());
        } else if (node.isFloatingPointNumber() && isWhole(node.doubleValue())) {
            generator.writeNumber((long) node.doubleValue());
        } else if (node.isNumber()) {
            node.serialize(generator, null); // each kind of number as it writes itself
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            generator.writeNull();
        } else {
            SORTED.writeTree(generator, node);
        }
    }

    /** An object's fields in code point order of their names, leaving out {@code skipped}. */
    private static void writeObject(JsonGenerator generator, ObjectNode object, Set<String> skipped, boolean root)
            throws IOException {
        String[] names = new String[object.size()];
        int n = 0;
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!skipped.contains(field.getKey())) {
                names[n++] = field.getKey();
            }
        }
        Arrays.sort(names, 0, n);
        generator.writeStartObject();
        for (int i = 0; i < n; i++) {
            generator.writeFieldName(names[i]);
            JsonNode value = object.get(names[i]);
            if (root && names[i].equals("metadata") && value instanceof ObjectNode metadata) {
                writeObject(generator, metadata, METADATA_FIELDS_OF_THE_STORE, false);
            } else {
                writeNode(generator, value);
            }
        }
        generator.writeEndObject();
    }

    private static boolean isWhole(double d) {
        return d == Math.rint(d) && Math.abs(d) < LONG_RANGE;
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
}
