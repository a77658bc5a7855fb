package io.tfsync.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a configuration file: where (file, key path such as {@code
 * workspaces[1].source.type}, 1-based line and column, 0 when unknown) and what, in a sentence that says
 * what is expected. The message never holds the value of a secret.
 */
public record ConfigProblem(Path file, String keyPath, int line, int column, String message) {

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(message, "message");
    }

    /** {@code tfsync.yaml:14:11: workspaces[1].source.type: unknown source type 'tfx'; expected ...}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file.toString());
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ");
        if (!keyPath.isEmpty()) {
            out.append(keyPath).append(": ");
        }
        return out.append(message).toString();
    }
}
