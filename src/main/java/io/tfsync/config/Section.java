package io.tfsync.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, located access to one mapping of the file. Every read names the key it expects, so that the keys
 * nobody asked for can be reported as unknown at the end ({@link #rejectUnknownKeys()}). An absent key, a
 * null and an empty string all mean "not given": optional keys fall back to their default, required ones
 * are reported. A wrong type or range is a problem and the default is returned, so that reading goes on
 * and every problem of the file is found in one pass.
 */
final class Section {

    private static final List<String> SECRET_WORDS =
            List.of("token", "password", "secret", "key", "sha256", "webhook_url");

    private final String path;
    private final YamlNode.Mapping mapping;
    private final YamlNode.Mark mark;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private boolean ignoreRest;

    private Section(String path, YamlNode.Mapping mapping, YamlNode.Mark mark, Problems problems) {
        this.path = path;
        this.mapping = mapping;
        this.mark = mark;
        this.problems = problems;
    }

    /** The top of the file; a file that is not a mapping is a problem and reads as empty. */
    static Section root(Optional<YamlNode> root, Problems problems) {
        if (root.isPresent() && !(root.get() instanceof YamlNode.Mapping)) {
            problems.add(
                    "",
                    root.get(),
                    "the file must be a mapping of keys (server:, database:, ...), got "
                            + root.get().describe());
            return new Section("", null, root.get().mark(), problems);
        }
        return new Section("", (YamlNode.Mapping) root.orElse(null), YamlNode.Mark.START, problems);
    }

    /** A section read from a list item or elsewhere; {@code node} must be a mapping or it is reported. */
    static Section of(String path, YamlNode node, Problems problems) {
        if (node instanceof YamlNode.Mapping mapping) {
            return new Section(path, mapping, mapping.mark(), problems);
        }
        problems.add(path, node, "expected a mapping of keys, got " + node.describe());
        return new Section(path, null, node.mark(), problems);
    }

    String path() {
        return path;
    }

    /** Whether the file gave this section as a mapping. */
    boolean present() {
        return mapping != null;
    }

    YamlNode.Mark mark() {
        return mark;
    }

    Problems problems() {
        return problems;
    }

    String pathOf(String key) {
        return KeyPaths.child(path, key);
    }

    /** The value of {@code key} as written, null and empty included; the key counts as known. */
    Optional<YamlNode> node(String key) {
        known.add(key);
        if (mapping == null || !mapping.entries().containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(mapping.entries().get(key).value());
    }

    /** The given, non-blank scalar under {@code key}; a mapping or list there is reported. */
    Optional<YamlNode.Scalar> scalar(String key, String expected) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Scalar scalar) {
            return scalar.isBlank() ? Optional.empty() : Optional.of(scalar);
        }
        problems.add(
                pathOf(key),
                node.get(),
                "expected " + expected + ", got " + node.get().describe());
        return Optional.empty();
    }

    /** A non-blank string, or empty; a number or boolean is taken as its text. */
    Optional<String> optionalString(String key) {
        return scalar(key, "a string").map(YamlNode.Scalar::text);
    }

    String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A required string; a missing or empty value is reported and read as empty. */
    Optional<YamlNode.Scalar> required(String key, String expected) {
        Optional<YamlNode> node = node(key);
        Optional<YamlNode.Scalar> scalar = scalar(key, expected);
        if (scalar.isEmpty() && (node.isEmpty() || node.get() instanceof YamlNode.Scalar)) {
            if (node.isEmpty()) {
                problems.add(pathOf(key), mark, "required key is missing; expected " + expected);
            } else {
                problems.add(pathOf(key), node.get(), "must not be empty; expected " + expected);
            }
        }
        return scalar;
    }

    long integer(String key, long defaultValue, long min, long max) {
        Optional<YamlNode.Scalar> given = scalar(key, "an integer");
        if (given.isEmpty()) {
            return defaultValue;
        }
        YamlNode.Scalar scalar = given.get();
        boolean numeric = scalar.kind() == YamlNode.Kind.INTEGER
                || (scalar.kind() == YamlNode.Kind.STRING && scalar.interpolated());
        BigInteger value;
        try {
            value = numeric ? new BigInteger(scalar.text().trim()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            problems.add(pathOf(key), scalar, "expected an integer, got " + scalar.describe());
            return defaultValue;
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(pathOf(key), scalar, "must be between " + min + " and " + max + ", got " + value);
            return defaultValue;
        }
        return value.longValueExact();
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<YamlNode.Scalar> given = scalar(key, "true or false");
        if (given.isEmpty()) {
            return defaultValue;
        }
        YamlNode.Scalar scalar = given.get();
        String text = scalar.text().trim().toLowerCase(Locale.ROOT);
        boolean fromText = scalar.kind() == YamlNode.Kind.STRING && scalar.interpolated();
        if (scalar.kind() == YamlNode.Kind.BOOLEAN || (fromText && (text.equals("true") || text.equals("false")))) {
            return text.equals("true");
        }
        problems.add(pathOf(key), scalar, "expected true or false, got " + scalar.describe());
        return defaultValue;
    }

    /** The mapping under {@code key}; when absent, an empty section whose problems point at this one. */
    Section section(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || (node.get() instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Kind.NULL)) {
            YamlNode.Mark at = mapping != null && mapping.entries().containsKey(key)
                    ? mapping.entries().get(key).keyMark()
                    : mark;
            return new Section(pathOf(key), null, at, problems);
        }
        return of(pathOf(key), node.get(), problems);
    }

    /** The items of the list under {@code key}; a scalar or mapping there is reported. */
    List<YamlNode> list(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || (node.get() instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Kind.NULL)) {
            return List.of();
        }
        if (node.get() instanceof YamlNode.Sequence sequence) {
            return sequence.items();
        }
        problems.add(
                pathOf(key), node.get(), "expected a list, got " + node.get().describe());
        return List.of();
    }

    /** Stops reporting the remaining keys as unknown: used once a section is already wrong as a whole. */
    void ignoreRest() {
        ignoreRest = true;
    }

    /** Reports each key that no read asked for, with the closest known key when one is near. */
    void rejectUnknownKeys() {
        if (mapping == null || ignoreRest) {
            return;
        }
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                String message = "unknown key '" + entry.key() + "'";
                Optional<String> close = closest(entry.key(), known);
                message += close.map(k -> "; did you mean '" + k + "'?")
                        .orElse("; expected one of: " + String.join(", ", known));
                problems.add(KeyPaths.child(path, entry.key()), entry.keyMark(), message);
            }
        }
    }

    /** How a value may appear in a message: quoted, unless its key looks like it holds a secret. */
    static String show(String key, String value) {
        return isSecretKey(key) ? "the value (not shown: it may be a secret)" : "'" + value + "'";
    }

    static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    static Optional<String> closest(String key, Collection<String> candidates) {
        String normal = normalize(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (normalize(candidate).equals(normal)) {
                return Optional.of(candidate);
            }
            int distance = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = key.length() <= 4 ? 1 : key.length() <= 8 ? 2 : 3;
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The scalar texts of a list of strings; other items are reported and skipped. */
    List<YamlNode.Scalar> scalarList(String key, String expected) {
        List<YamlNode.Scalar> out = new ArrayList<>();
        List<YamlNode> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof YamlNode.Scalar scalar && !scalar.isBlank()) {
                out.add(scalar);
            } else {
                problems.add(
                        KeyPaths.index(pathOf(key), i),
                        items.get(i),
                        "expected " + expected + ", got " + items.get(i).describe());
            }
        }
        return out;
    }
}
