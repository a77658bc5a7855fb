package io.tfsync.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals webhook tokens for storage with AES-256-GCM under {@code secrets.key}: a fresh 96-bit nonce
 * each time, the token's scope as associated data (a sealed token moved to another workspace's row
 * does not open). The source design stored a hash and then used it as the HMAC key, which can never
 * verify; a token must be recoverable to check a signature, so it is encrypted, not hashed.
 */
public final class SecretBox {

    /** A sealed value: base64 nonce and base64 ciphertext with its tag. */
    public record Sealed(String nonce, String ciphertext) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("secrets.key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A new token: 32 random bytes from a CSPRNG, as 64 hex characters. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Sealed seal(String scope, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, scope);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(
                    Base64.getEncoder().encodeToString(nonce),
                    Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * Opens a sealed token.
     *
     * @throws SecretBoxException when it was sealed under another key or for another scope, or was changed
     */
    public String open(String scope, Sealed sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(sealed.nonce()), scope);
            return new String(cipher.doFinal(Base64.getDecoder().decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretBoxException("the stored webhook token for " + scope
                    + " does not open with secrets.key (was the key changed?); run tfsync setup again for it");
        }
    }

    /**
     * Opens a sealed token for checking a delivery: one that does not open (secrets.key changed) is
     * logged and skipped, so the other tokens still verify and the delivery gets a 401, not a 500.
     */
    public java.util.Optional<String> tryOpen(String scope, Sealed sealed) {
        try {
            return java.util.Optional.of(open(scope, sealed));
        } catch (SecretBoxException e) {
            org.slf4j.LoggerFactory.getLogger(SecretBox.class).warn("{}", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String scope) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(scope.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A stored token that cannot be opened; the message names it, never its value. */
    public static final class SecretBoxException extends RuntimeException {
        public SecretBoxException(String message) {
            super(message);
        }
    }
}
