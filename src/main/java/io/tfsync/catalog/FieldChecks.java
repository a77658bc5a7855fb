package io.tfsync.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Collects the problems of one entity while its fields are checked; the steps they share. */
final class FieldChecks {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final int MAX_QUOTED_LENGTH = 80;

    private final List<EntityProblem> problems = new ArrayList<>();

    List<EntityProblem> problems() {
        return List.copyOf(problems);
    }

    void report(String path, String message) {
        problems.add(new EntityProblem(path, message));
    }

    /** {@code path.key}, or {@code path["key"]} when the key holds dots, slashes or the like. */
    static String child(String path, String key) {
        String step = PLAIN_KEY.matcher(key).matches() ? key : "[" + quote(key) + "]";
        if (path.isEmpty()) {
            return step;
        }
        return step.startsWith("[") ? path + step : path + "." + step;
    }

    static String item(String path, int index) {
        return path + "[" + index + "]";
    }

    /** A value as it appears in JSON, cut short when long. */
    static String quote(JsonNode value) {
        return shorten(value.isMissingNode() ? "nothing" : value.toString());
    }

    static String quote(String text) {
        return shorten(TextNode.valueOf(text).toString());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_QUOTED_LENGTH ? text : text.substring(0, MAX_QUOTED_LENGTH) + "...";
    }

    static boolean isAbsent(JsonNode node) {
        return node.isMissingNode();
    }

    /** A required string in a format: reports a missing value or one the format rejects. */
    void requireFormat(String path, JsonNode value, Predicate<String> format, String what, String rule) {
        if (isAbsent(value) || value.isNull()) {
            report(path, "is required");
        } else {
            checkFormat(path, value, format, what, rule);
        }
    }

    /** An optional string in a format: absent is fine, anything else must match. */
    void optionalFormat(String path, JsonNode value, Predicate<String> format, String what, String rule) {
        if (!isAbsent(value)) {
            checkFormat(path, value, format, what, rule);
        }
    }

    private void checkFormat(String path, JsonNode value, Predicate<String> format, String what, String rule) {
        if (!value.isTextual() || !format.test(value.asText())) {
            report(path, quote(value) + " is not a valid " + what + ": " + rule);
        }
    }

    /** An optional value that, when present, must be a string (JSON Schema {@code type: string}). */
    void optionalString(String path, JsonNode value) {
        if (!isAbsent(value) && !value.isTextual()) {
            report(path, "must be a string, found " + quote(value));
        }
    }

    /** A required string of at least one character (JSON Schema {@code minLength: 1}). */
    void requireNonEmptyString(String path, JsonNode value, String context) {
        if (isAbsent(value)) {
            report(path, "is required" + context);
        } else {
            checkNonEmptyString(path, value);
        }
    }

    void optionalNonEmptyString(String path, JsonNode value) {
        if (!isAbsent(value)) {
            checkNonEmptyString(path, value);
        }
    }

    private void checkNonEmptyString(String path, JsonNode value) {
        if (!value.isTextual() || value.asText().isEmpty()) {
            report(path, "must be a non-empty string, found " + quote(value));
        }
    }

    /** A required list whose items are strings of at least one character. */
    void requireNonEmptyStringList(String path, JsonNode value, String context) {
        if (isAbsent(value)) {
            report(path, "is required" + context);
        } else {
            checkNonEmptyStringList(path, value);
        }
    }

    void optionalNonEmptyStringList(String path, JsonNode value) {
        if (!isAbsent(value)) {
            checkNonEmptyStringList(path, value);
        }
    }

    private void checkNonEmptyStringList(String path, JsonNode value) {
        if (!value.isArray()) {
            report(path, "must be a list of non-empty strings, found " + quote(value));
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            checkNonEmptyString(item(path, i), value.get(i));
        }
    }

    /** An optional value that, when present, must be an object; answers whether it is one. */
    boolean optionalObject(String path, JsonNode value) {
        if (isAbsent(value)) {
            return false;
        }
        if (!value.isObject()) {
            report(path, "must be an object, found " + quote(value));
            return false;
        }
        return true;
    }
}
