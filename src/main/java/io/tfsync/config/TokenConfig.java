package io.tfsync.config;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A static bearer token: a name for logs, the SHA-256 of the token (64 hex characters, lower-cased here;
 * the token itself is never configured), the tenant it belongs to and what it may do.
 */
public record TokenConfig(String name, String sha256, String tenant, Set<Scope> scopes) {

    public TokenConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(tenant, "tenant");
        scopes = Set.copyOf(scopes);
        if (!isSha256Hex(sha256)) {
            throw new IllegalArgumentException("sha256 of token " + name + " must be 64 hex characters");
        }
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("token " + name + " needs at least one scope");
        }
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The hash as bytes, for a constant-time comparison with the hash of a presented token. */
    public byte[] sha256Bytes() {
        return HexFormat.of().parseHex(sha256);
    }

    static boolean isSha256Hex(String text) {
        return text.length() == 64
                && text.chars()
                        .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    /** Hides the hash: it is as good as the token against an offline guess of a weak token. */
    @Override
    public String toString() {
        return "TokenConfig[name=" + name + ", sha256=****, tenant=" + tenant + ", scopes=" + scopes + "]";
    }
}
