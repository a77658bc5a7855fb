package io.tfsync.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration file as a tree that remembers where each key and value stands, which Jackson's tree
 * model forgets. String values are already interpolated; {@link Scalar#emptyReferences()} describes the
 * {@code ${VAR}} references that had no value, so an error can say where an empty value came from.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** A 1-based line and column in the file. */
    record Mark(int line, int column) {
        static final Mark START = new Mark(1, 1);
    }

    Mark mark();

    /** What the node is, in the words of an error message ("a list", "a string"). */
    String describe();

    /** One {@code key: value} of a mapping, with the position of the key. */
    record Entry(String key, Mark keyMark, YamlNode value) {}

    record Mapping(Mark mark, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** The type YAML gave a scalar; a quoted {@code "7007"} is a string, a plain {@code 7007} an integer. */
    enum Kind {
        STRING("a string"),
        INTEGER("an integer"),
        DECIMAL("a decimal number"),
        BOOLEAN("true/false"),
        NULL("nothing (null)");

        private final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    /**
     * A scalar value. {@code interpolated} says a {@code ${...}} reference was replaced in it, which lets
     * {@code port: ${PORT}} count as a number although YAML read it as a string.
     */
    record Scalar(Mark mark, Kind kind, String text, List<String> emptyReferences, boolean interpolated)
            implements YamlNode {
        public Scalar {
            emptyReferences = List.copyOf(emptyReferences);
        }

        /** An empty string or a null: both mean "not given" for an optional key. */
        boolean isBlank() {
            return kind == Kind.NULL || (kind == Kind.STRING && text.isEmpty());
        }

        @Override
        public String describe() {
            return kind.words;
        }
    }
}
