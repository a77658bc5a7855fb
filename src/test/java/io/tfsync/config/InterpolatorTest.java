package io.tfsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatorTest {

    private final Interpolator interpolator =
            new Interpolator(Map.of("HOST", "db.internal", "EMPTY", "", "PORT", "5432"));

    @Test
    void a_set_variable_is_replaced() throws Exception {
        var result = interpolator.expand("jdbc:postgresql://${HOST}:${PORT}/tfsync");
        assertThat(result.value()).isEqualTo("jdbc:postgresql://db.internal:5432/tfsync");
        assertThat(result.interpolated()).isTrue();
        assertThat(result.emptyReferences()).isEmpty();
    }

    @Test
    void the_default_is_used_when_the_variable_is_unset_or_empty() throws Exception {
        assertThat(interpolator.expand("${MISSING:-http://localhost:7007}").value())
                .isEqualTo("http://localhost:7007");
        assertThat(interpolator.expand("${EMPTY:-fallback}").value()).isEqualTo("fallback");
        assertThat(interpolator.expand("${HOST:-fallback}").value()).isEqualTo("db.internal");
        assertThat(interpolator.expand("${MISSING:-}").value()).isEmpty();
    }

    @Test
    void an_unset_variable_without_default_becomes_empty_and_is_remembered() throws Exception {
        var result = interpolator.expand("${BACKSTAGE_URL}/api/sync/tfc-webhook");
        assertThat(result.value()).isEqualTo("/api/sync/tfc-webhook");
        assertThat(result.emptyReferences()).containsExactly("${BACKSTAGE_URL}, which is not set");
    }

    @Test
    void a_set_but_empty_variable_is_remembered_as_empty() throws Exception {
        assertThat(interpolator.expand("${EMPTY}").emptyReferences()).containsExactly("${EMPTY}, which is empty");
    }

    @Test
    void double_dollar_brace_is_a_literal_dollar_brace() throws Exception {
        assertThat(interpolator.expand("$${HOST} costs $5 and $$ stays").value())
                .isEqualTo("${HOST} costs $5 and $$ stays");
    }

    @Test
    void text_without_references_is_left_alone() throws Exception {
        var result = interpolator.expand("plain $ text");
        assertThat(result.value()).isEqualTo("plain $ text");
        assertThat(result.interpolated()).isFalse();
    }

    @Test
    void an_unterminated_reference_is_an_error_that_does_not_quote_the_text() {
        assertThatThrownBy(() -> interpolator.expand("s3cr3t${HOST"))
                .hasMessageContaining("no closing '}'")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void a_reference_with_an_invalid_name_is_an_error() {
        assertThatThrownBy(() -> interpolator.expand("${1BAD}")).hasMessageContaining("${NAME}");
        assertThatThrownBy(() -> interpolator.expand("${}")).hasMessageContaining("${NAME}");
    }
}
