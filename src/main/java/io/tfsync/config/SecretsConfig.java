package io.tfsync.config;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The key that encrypts stored webhook tokens (AES-GCM): base64 of 32 random bytes, usually from
 * {@code ${TFSYNC_SECRET_KEY}}. Absent, tfsync cannot store webhook tokens ({@code tfsync setup} says so).
 */
public record SecretsConfig(Optional<Secret> key) {

    public static final int KEY_BYTES = 32;

    public SecretsConfig {
        Objects.requireNonNull(key, "key");
        key.ifPresent(k -> {
            if (decode(k.value()).map(b -> b.length != KEY_BYTES).orElse(true)) {
                throw new IllegalArgumentException("secrets.key must be base64 of " + KEY_BYTES + " bytes");
            }
        });
    }

    public static SecretsConfig none() {
        return new SecretsConfig(Optional.empty());
    }

    /** The 32 key bytes, when a key is configured. */
    public Optional<byte[]> keyBytes() {
        return key.flatMap(k -> decode(k.value()));
    }

    /** Standard or URL-safe base64, padded or not; empty when the text is neither. */
    static Optional<byte[]> decode(String text) {
        String trimmed = text.trim();
        try {
            return Optional.of(Base64.getDecoder().decode(trimmed));
        } catch (IllegalArgumentException notStandard) {
            try {
                return Optional.of(Base64.getUrlDecoder().decode(trimmed));
            } catch (IllegalArgumentException notUrlSafe) {
                return Optional.empty();
            }
        }
    }
}
