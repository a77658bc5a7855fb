package io.tfsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0 */6 * * *",
                "0 */12 * * *",
                "0 * * * *",
                "0 3 * * *",
                "0 2 * * 0",
                "*/30 * * * *",
                "30 */4 * * MON-FRI",
                "0 0 1 jan,jul ?",
                "5,35 8-18/2 1-15 1-12 7",
                "  0   3 * * *  "
            })
    void five_field_expressions_are_accepted(String expression) {
        assertThat(Cron.problem(expression)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0 */6 * *",
                "0 0 */6 * * *",
                "",
                "@daily",
                "60 * * * *",
                "0 24 * * *",
                "0 0 0 * *",
                "0 0 * 13 *",
                "0 0 * * 8",
                "0 0 * * FUN",
                "*/0 * * * *",
                "10-5 * * * *",
                "? * * * *",
                "a b c d e",
                "1,,2 * * * *"
            })
    void anything_else_is_refused_with_a_reason(String expression) {
        assertThat(Cron.problem(expression))
                .hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 */6 * *", "1 2 3 4 5 6"})
    void a_wrong_field_count_names_the_expected_fields(String expression) {
        assertThat(Cron.problem(expression))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("minute hour day-of-month month day-of-week"));
    }
}
