package io.tfsync.config;

import java.util.Objects;

/**
 * A secret from the configuration (a token, a password, a key). Its {@link #toString()} never shows the
 * value, so a secret printed by accident in a log line or a record's {@code toString} stays hidden; call
 * {@link #value()} only where the secret is used.
 */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
