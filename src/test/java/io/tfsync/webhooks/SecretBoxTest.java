package io.tfsync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tokens are sealed so that only the same key and the same scope open them, and signatures match exactly. */
class SecretBoxTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void a_sealed_token_opens_with_its_key_and_scope_only_and_the_error_names_no_secret() {
        byte[] key = key();
        SecretBox box = new SecretBox(key);
        SecretBox.Sealed sealed = box.seal("payments-prod", "the-token-value");

        assertThat(sealed.ciphertext()).doesNotContain("the-token-value");
        assertThat(box.open("payments-prod", sealed)).isEqualTo("the-token-value");
        assertThatThrownBy(() -> box.open("network-prod", sealed))
                .isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageContaining("network-prod")
                .hasMessageNotContaining("the-token-value");
        assertThatThrownBy(() -> new SecretBox(key()).open("payments-prod", sealed))
                .isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageContaining("secrets.key");
        assertThat(box.seal("payments-prod", "the-token-value").nonce()).isNotEqualTo(sealed.nonce());
    }

    @Test
    void new_tokens_are_64_hex_characters_and_do_not_repeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(SecretBox.newToken());
        }
        assertThat(tokens).hasSize(1000).allMatch(t -> t.matches("[0-9a-f]{64}"));
    }

    @Test
    void a_key_that_is_not_32_bytes_is_refused() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
    }

    @Test
    void github_s_documented_test_vector_matches_and_near_misses_do_not() {
        // docs.github.com, "Validating webhook deliveries": secret "It's a Secret to Everybody",
        // payload "Hello, World!".
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String expected = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(Signatures.hex(Signatures.GITHUB, "It's a Secret to Everybody", body))
                .isEqualTo(expected);
        assertThat(Signatures.matches(Signatures.GITHUB, "It's a Secret to Everybody", body, expected))
                .isTrue();
        assertThat(Signatures.matches(Signatures.GITHUB, "It's a Secret to Everybody", body, expected.substring(1)))
                .isFalse();
        assertThat(Signatures.matches(Signatures.GITHUB, "It's a Secret to Everybody", body, expected + "0"))
                .isFalse();
        assertThat(Signatures.matches(Signatures.GITHUB, "It's a secret to everybody", body, expected))
                .isFalse();
        assertThat(Signatures.matches(Signatures.GITHUB, "It's a Secret to Everybody", body, null))
                .isFalse();
        assertThat(Signatures.matches(Signatures.TFC, "It's a Secret to Everybody", body, expected))
                .isFalse();
    }
}
