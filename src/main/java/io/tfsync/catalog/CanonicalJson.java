package io.tfsync.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical form of an entity: its JSON with object keys sorted at every depth and the fields
 * the store fills in ({@code metadata.uid}, {@code metadata.etag}, {@code relations}) left out. Equal
 * content gives equal bytes, whatever order the keys were written in.
 */
public final class CanonicalJson {

    private static final JsonMapper SORTED =
            JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private CanonicalJson() {}

    public static String of(Entity entity) {
        ObjectNode json = entity.toJson();
        json.remove("relations");
        if (json.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("uid");
            metadata.remove("etag");
        }
        return write(json);
    }

    /** Any JSON tree written with sorted keys. */
    public static String write(JsonNode json) {
        try {
            return SORTED.writeValueAsString(json);
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
}
