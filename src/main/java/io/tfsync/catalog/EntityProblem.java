package io.tfsync.catalog;

import java.util.Objects;

/**
 * One thing wrong with an entity: the field's path ({@code metadata.name}, {@code spec.dependsOn[0]},
 * {@code metadata.labels["tfsync.io/tenant"]}) and what is wrong with it.
 */
public record EntityProblem(String path, String message) {
    public EntityProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
