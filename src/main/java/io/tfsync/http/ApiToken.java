package io.tfsync.http;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A static bearer token as configured: only the SHA-256 of the token is known here, never the token.
 */
public record ApiToken(String name, String sha256, String tenant, Set<String> scopes) {
    public ApiToken {
        Objects.requireNonNull(name, "name");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        HexFormat.of().parseHex(sha256);
        Objects.requireNonNull(tenant, "tenant");
        scopes = Set.copyOf(scopes);
    }
}
