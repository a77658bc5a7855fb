package io.tfsync.config;

import static io.tfsync.config.ConfigFixture.failure;
import static io.tfsync.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No message about a configuration file ever holds the value of a secret. */
class SecretsInMessagesTest {

    @TempDir
    Path dir;

    @Test
    void invalid_secret_values_are_reported_without_their_value() {
        ConfigException e = failure(
                write(dir, """
                database: { url: "jdbc:oracle:thin:scott/S3CRET-IN-URL@db", password: "S3CRET-PASSWORD" }
                secrets: { key: "${TFSYNC_SECRET_KEY}" }
                github: { token: [S3CRET-IN-A-LIST] }
                auth:
                  tokens:
                    - { name: a, sha256: "S3CRET-NOT-A-HASH", tenant: acme, scopes: [admin] }
                    - { name: b, sha256: "${HASH}", tenant: acme, scopes: [admin] }
                synchronization:
                  notifications:
                    slack: { webhook_url: "S3CRET-HOOK", token: 12, tokken: S3CRET-UNKNOWN-KEY }
                """), Map.of("TFSYNC_SECRET_KEY", "S3CRET-FROM-ENV", "HASH", "S3CRET-HASH-FROM-ENV"));
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(e.getMessage()).doesNotContain("S3CRET");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.toString()).doesNotContain("S3CRET"));
    }

    @Test
    void a_syntax_error_on_a_line_with_a_secret_does_not_quote_the_line() {
        ConfigException e = failure(dir, """
                terraformCloud:
                  token: S3CRET-TOKEN: x
                """);
        assertThat(e.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(2));
        assertThat(e.getMessage()).contains("YAML syntax error").doesNotContain("S3CRET");
    }

    @Test
    void a_broken_reference_in_a_secret_does_not_quote_the_text() {
        ConfigException e = failure(dir, "github: { token: \"S3CRET${\" }\n");
        assertThat(e.getMessage()).contains("github.token").doesNotContain("S3CRET");
    }
}
