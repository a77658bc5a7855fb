package io.tfsync.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of Backstage's KubernetesValidatorFunctions and CommonValidatorFunctions tests. */
class FieldFormatsTest {

    private static final String A63 = "a".repeat(63);
    private static final String A64 = "a".repeat(64);
    private static final String LONGEST_SUBDOMAIN = A63 + "." + A63 + "." + A63 + "." + "a".repeat(61);
    private static final String TOO_LONG_SUBDOMAIN = A63 + "." + A63 + "." + A63 + "." + "a".repeat(62);

    static Stream<Arguments> apiVersions() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("AZ09", true),
                Arguments.of(A63, true),
                Arguments.of(A64, false),
                Arguments.of("a-b", false),
                Arguments.of("a_b", false),
                Arguments.of("a.b", false),
                Arguments.of("a/a", true),
                Arguments.of("a/aAb5C", true),
                Arguments.of("a-b.c/v1", true),
                Arguments.of("a--b.c/v1", false),
                Arguments.of(LONGEST_SUBDOMAIN + "/v1", true),
                Arguments.of(TOO_LONG_SUBDOMAIN + "/v1", false),
                Arguments.of("a/" + A63, true),
                Arguments.of("a/" + A64, false),
                Arguments.of("backstage.io/v1alpha1", true),
                Arguments.of("backstage.io/v1beta1", true),
                Arguments.of("a/b/c", false));
    }

    @ParameterizedTest(name = "apiVersion {0} valid: {1}")
    @MethodSource("apiVersions")
    void an_api_version_is_an_optional_subdomain_and_a_version(String value, boolean valid) {
        assertThat(FieldFormats.isValidApiVersion(value)).isEqualTo(valid);
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("AZ09", true),
                Arguments.of("9AZ", false),
                Arguments.of(A63, true),
                Arguments.of(A64, false),
                Arguments.of("a-b", false));
    }

    @ParameterizedTest(name = "kind {0} valid: {1}")
    @MethodSource("kinds")
    void a_kind_starts_with_a_letter(String value, boolean valid) {
        assertThat(FieldFormats.isValidKind(value)).isEqualTo(valid);
    }

    static Stream<Arguments> objectNames() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("AZ09", true),
                Arguments.of(A63, true),
                Arguments.of(A64, false),
                Arguments.of("a/b", false),
                Arguments.of("a-b", true),
                Arguments.of("-a-b", false),
                Arguments.of("a-b-", false),
                Arguments.of("a--b", true),
                Arguments.of("a_b", true),
                Arguments.of("a.b", true),
                Arguments.of("a..b", true),
                Arguments.of("Foo Bar", false),
                Arguments.of("a:b", false));
    }

    @ParameterizedTest(name = "object name {0} valid: {1}")
    @MethodSource("objectNames")
    void an_object_name_is_letters_and_digits_separated_by_dash_underscore_or_dot(String value, boolean valid) {
        assertThat(FieldFormats.isValidObjectName(value)).isEqualTo(valid);
    }

    static Stream<Arguments> namespaces() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("AZ09", false),
                Arguments.of(A63, true),
                Arguments.of(A64, false),
                Arguments.of("a/b", false),
                Arguments.of("a-b", true),
                Arguments.of("-a-b", false),
                Arguments.of("a-b-", false),
                Arguments.of("a--b", false),
                Arguments.of("a_b", false),
                Arguments.of("a.b", false));
    }

    @ParameterizedTest(name = "namespace {0} valid: {1}")
    @MethodSource("namespaces")
    void a_namespace_is_a_dns_label(String value, boolean valid) {
        assertThat(FieldFormats.isValidNamespace(value)).isEqualTo(valid);
        assertThat(FieldFormats.isValidDnsLabel(value)).isEqualTo(valid);
    }

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("AZ09", true),
                Arguments.of(A63, true),
                Arguments.of(A64, false),
                Arguments.of("a/b", true),
                Arguments.of("a-b", true),
                Arguments.of("-a-b", false),
                Arguments.of("a-b-", false),
                Arguments.of("a--b", true),
                Arguments.of("a_b", true),
                Arguments.of("a.b", true),
                Arguments.of("a..b", true),
                Arguments.of("a/a", true),
                Arguments.of("a-b.c/a", true),
                Arguments.of("a--b.c/a", false),
                Arguments.of(LONGEST_SUBDOMAIN + "/a", true),
                Arguments.of(TOO_LONG_SUBDOMAIN + "/a", false),
                Arguments.of("a/" + A63, true),
                Arguments.of("a/" + A64, false),
                Arguments.of("a#b", false),
                Arguments.of("tfsync.io/tenant", true));
    }

    @ParameterizedTest(name = "label key {0} valid: {1}")
    @MethodSource("keys")
    void label_and_annotation_keys_are_an_optional_subdomain_and_a_name(String value, boolean valid) {
        assertThat(FieldFormats.isValidLabelKey(value)).isEqualTo(valid);
        assertThat(FieldFormats.isValidAnnotationKey(value)).isEqualTo(valid);
    }

    static Stream<Arguments> labelValues() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", true),
                Arguments.of("a", true),
                Arguments.of("AZ09", true),
                Arguments.of(A63, true),
                Arguments.of(A64, false),
                Arguments.of("a/b", false),
                Arguments.of("a-b", true),
                Arguments.of("-a-b", false),
                Arguments.of("a-b-", false),
                Arguments.of("a--b", true),
                Arguments.of("a_b", true),
                Arguments.of("a.b", true),
                Arguments.of("a..b", true));
    }

    @ParameterizedTest(name = "label value {0} valid: {1}")
    @MethodSource("labelValues")
    void a_label_value_is_an_object_name_or_empty(String value, boolean valid) {
        assertThat(FieldFormats.isValidLabelValue(value)).isEqualTo(valid);
    }

    @Test
    void an_annotation_value_is_any_string() {
        assertThat(FieldFormats.isValidAnnotationValue(null)).isFalse();
        assertThat(FieldFormats.isValidAnnotationValue("")).isTrue();
        assertThat(FieldFormats.isValidAnnotationValue("/".repeat(6000))).isTrue();
    }

    static Stream<Arguments> tags() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("java", true),
                Arguments.of("c++", true),
                Arguments.of("c#", true),
                Arguments.of("aws:region", true),
                Arguments.of("a-b", true),
                Arguments.of("a--b", false),
                Arguments.of("-a", false),
                Arguments.of("a-", false),
                Arguments.of("Java", false),
                Arguments.of("a_b", false),
                Arguments.of("a.b", false),
                Arguments.of(A63, true),
                Arguments.of(A64, false));
    }

    @ParameterizedTest(name = "tag {0} valid: {1}")
    @MethodSource("tags")
    void a_tag_is_lower_case_letters_digits_colon_plus_and_hash_separated_by_dashes(String value, boolean valid) {
        assertThat(FieldFormats.isValidTag(value)).isEqualTo(valid);
    }

    static Stream<Arguments> subdomains() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("a", true),
                Arguments.of("a-b", true),
                Arguments.of("-a-b", false),
                Arguments.of("a-b-", false),
                Arguments.of("a--b", false),
                Arguments.of("a_b", false),
                Arguments.of("adam.bertil.caesar", true),
                Arguments.of("adam.ber-til.caesar", true),
                Arguments.of("adam.-bertil.caesar", false),
                Arguments.of("adam.bertil-.caesar", false),
                Arguments.of("adam/bertil.caesar", false),
                Arguments.of("a." + "b".repeat(63) + ".c", true),
                Arguments.of("a." + "b".repeat(64) + ".c", false),
                Arguments.of("a.", false),
                Arguments.of(LONGEST_SUBDOMAIN, true),
                Arguments.of(TOO_LONG_SUBDOMAIN, false));
    }

    @ParameterizedTest(name = "subdomain {0} valid: {1}")
    @MethodSource("subdomains")
    void a_dns_subdomain_is_dns_labels_joined_by_dots(String value, boolean valid) {
        assertThat(FieldFormats.isValidDnsSubdomain(value)).isEqualTo(valid);
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of(null, false),
                Arguments.of("", false),
                Arguments.of("abc", false),
                Arguments.of("   abc", false),
                Arguments.of("/path/only", false),
                Arguments.of("http://", false),
                Arguments.of("https://foo:99999/", false),
                Arguments.of("https://foo:80a/", false),
                Arguments.of("http://foo", true),
                Arguments.of("https://www.foo.com/", true),
                Arguments.of("https://foo.com:8080", true),
                Arguments.of("https://foo:8080/page", true),
                Arguments.of("https://foo:8080/sub/page", true),
                Arguments.of("https://foo:8080/sub/page?query", true),
                Arguments.of("https://foo:8080/sub/page/?query=value", true),
                Arguments.of("https://foo:8080/sub/page/?query=value&", true),
                Arguments.of("https://foo:8080/sub/page/?query=value&another=val", true),
                Arguments.of("https://foo.com/page#fragment", true),
                Arguments.of("ftp://ftp.some.domain.com/path", true),
                Arguments.of("xyz://custom-protocol:4444/path", true),
                Arguments.of("mailto:team@example.com", true),
                Arguments.of("  https://example.com  ", true),
                Arguments.of("https://[::1]:8080/", true));
    }

    @ParameterizedTest(name = "url {0} valid: {1}")
    @MethodSource("urls")
    void a_url_has_a_scheme_and_for_web_schemes_a_host(String value, boolean valid) {
        assertThat(FieldFormats.isValidUrl(value)).isEqualTo(valid);
    }

    @Test
    void a_valid_string_is_not_blank() {
        Predicate<String> valid = FieldFormats::isValidString;
        assertThat(valid).rejects(null, "", " ", "    ");
        assertThat(valid).accepts("abc", " abc ", "abc xyz", "abc xyz abc.");
    }
}
