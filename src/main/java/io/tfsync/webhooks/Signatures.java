package io.tfsync.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures of webhook deliveries, always over the raw request bytes (never re-serialized JSON)
 * and compared in constant time; a missing, short or long signature is simply no match, never an
 * exception.
 */
public final class Signatures {

    /** Terraform Cloud: {@code X-TFE-Notification-Signature}, lower-case hex HMAC-SHA512 keyed by the token. */
    public static final String TFC = "HmacSHA512";

    /** GitHub: {@code X-Hub-Signature-256}, {@code sha256=} and hex HMAC-SHA256 keyed by the secret. */
    public static final String GITHUB = "HmacSHA256";

    private Signatures() {}

    /** The lower-case hex HMAC of {@code body} under {@code key}. */
    public static String hex(String algorithm, String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(algorithm + " is not available in this JDK", e);
        }
    }

    /**
     * Whether {@code provided} (hex, any case) is the HMAC of {@code body} under {@code key}. The
     * comparison takes the same time wherever the first difference is.
     */
    public static boolean matches(String algorithm, String key, byte[] body, String provided) {
        if (provided == null) {
            return false;
        }
        byte[] expected = hex(algorithm, key, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = provided.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        // MessageDigest.isEqual is constant-time for equal lengths and false (not an exception) otherwise.
        return MessageDigest.isEqual(expected, given);
    }
}
