package io.tfsync.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file, so that the loader reports all of them rather than the first. */
final class Problems {

    private final Path file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void add(String keyPath, YamlNode.Mark mark, String message) {
        found.add(new ConfigProblem(file, keyPath, mark.line(), mark.column(), message));
    }

    /** A problem about a value; when the value came out empty from {@code ${VAR}}, the message says so. */
    void add(String keyPath, YamlNode node, String message) {
        if (node instanceof YamlNode.Scalar scalar && !scalar.emptyReferences().isEmpty()) {
            message += "; the value came from " + String.join(" and ", scalar.emptyReferences());
        }
        add(keyPath, node.mark(), message);
    }

    void addWithoutLocation(String message) {
        found.add(new ConfigProblem(file, "", 0, 0, message));
    }

    /** Whether a problem was already found at or below {@code keyPath}. */
    boolean anyUnder(String keyPath) {
        return found.stream()
                .anyMatch(p -> p.keyPath().equals(keyPath) || p.keyPath().startsWith(keyPath + "."));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            throw new ConfigException(file, sorted);
        }
    }
}
