package io.tfsync.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of an instance's attributes may reach an entity: only top-level keys on the allow-list, never
 * one a sensitive path starts at, never a key (at any depth) that looks like a secret, and no long
 * strings. Dropping a whole top-level key when any path below it is sensitive is coarser than
 * needed, and on purpose: a value is either plainly safe or left out.
 */
final class Redaction {

    static final int MAX_STRING_LENGTH = 1024;

    // Compared with the key lower-cased and stripped of everything but letters and digits.
    private static final Pattern SECRET_LOOKING = Pattern.compile(
            ".*(password|passwd|passphrase|pwd|secret|token|privatekey|accesskey|secretkey|apikey|clientkey"
                    + "|accountkey|primarykey|secondarykey|masterkey|sharedkey|signingkey|encryptionkey"
                    + "|connectionstring|kubeconfig|kubeadmin|credential|sasurl|sasuri|certificatepem|keymaterial"
                    + "|auth).*");

    // Attribute and tag keys repeat across instances; the cache is bounded so odd states cannot grow it.
    private static final int MAX_CACHED_KEYS = 50_000;
    private static final java.util.Map<String, Boolean> SECRET_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private Redaction() {}

    static boolean looksSecret(String key) {
        Boolean known = SECRET_KEYS.get(key);
        if (known != null) {
            return known;
        }
        boolean secret = matchesSecret(key);
        if (SECRET_KEYS.size() < MAX_CACHED_KEYS) {
            SECRET_KEYS.put(key, secret);
        }
        return secret;
    }

    private static boolean matchesSecret(String key) {
        String compact = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_LOOKING.matcher(compact).matches();
    }

    /** The allowed, non-sensitive, non-secret attributes, in the instance's order. */
    static ObjectNode allowed(JsonNode attributes, List<List<Object>> sensitivePaths, Set<String> allowList) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        attributes.fields().forEachRemaining(e -> {
            String key = e.getKey();
            if (!allowList.contains(key) || looksSecret(key) || isSensitive(key, sensitivePaths)) {
                return;
            }
            JsonNode value = clean(e.getValue());
            if (value != null) {
                out.set(key, value);
            }
        });
        return out;
    }

    private static boolean isSensitive(String key, List<List<Object>> sensitivePaths) {
        for (List<Object> path : sensitivePaths) {
            if (path.isEmpty() || key.equals(path.get(0))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode clean(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText().length() <= MAX_STRING_LENGTH ? value : null;
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            // Backstage refuses keys that differ only in case (tags Name and name): keep the first.
            var seen = new java.util.HashSet<String>();
            value.fields().forEachRemaining(e -> {
                if (!looksSecret(e.getKey()) && seen.add(e.getKey().toLowerCase(Locale.ROOT))) {
                    JsonNode cleaned = clean(e.getValue());
                    if (cleaned != null) {
                        out.set(e.getKey(), cleaned);
                    }
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> {
                JsonNode cleaned = clean(item);
                if (cleaned != null) {
                    out.add(cleaned);
                }
            });
            return out.isEmpty() ? null : out;
        }
        return value;
    }
}
