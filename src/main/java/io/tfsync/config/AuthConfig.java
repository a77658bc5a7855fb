package io.tfsync.config;

import java.util.List;
import java.util.Optional;

/**
 * Static bearer tokens. With none configured, callers are anonymous and only loopback callers are
 * served (as operators, seeing every tenant).
 */
public record AuthConfig(List<TokenConfig> tokens) {

    public AuthConfig {
        tokens = List.copyOf(tokens);
    }

    public static AuthConfig none() {
        return new AuthConfig(List.of());
    }

    public boolean anonymous() {
        return tokens.isEmpty();
    }

    public Optional<TokenConfig> token(String name) {
        return tokens.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
