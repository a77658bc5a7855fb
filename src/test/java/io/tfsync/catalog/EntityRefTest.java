package io.tfsync.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and printing as Backstage's ref.ts does, with the cases of its ref.test.ts. */
class EntityRefTest {

    @Test
    void a_full_ref_parses_into_its_three_parts() {
        assertThat(EntityRef.parse("a:b/c")).isEqualTo(new EntityRef("a", "b", "c"));
    }

    @Test
    void a_ref_without_namespace_gets_default() {
        assertThat(EntityRef.parse("a:c")).isEqualTo(new EntityRef("a", "default", "c"));
    }

    @Test
    void a_ref_without_kind_is_rejected_when_there_is_no_default_kind() {
        assertThatThrownBy(() -> EntityRef.parse("b/c"))
                .isInstanceOf(InvalidEntityRefException.class)
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> EntityRef.parse("c")).hasMessageContaining("kind");
        assertThatThrownBy(() -> EntityRef.parse("c", "", "ns")).hasMessageContaining("kind");
    }

    @Test
    void omitted_parts_take_the_defaults() {
        assertThat(EntityRef.parse("a:b/c", "x", "y")).isEqualTo(new EntityRef("a", "b", "c"));
        assertThat(EntityRef.parse("b/c", "x", "y")).isEqualTo(new EntityRef("x", "b", "c"));
        assertThat(EntityRef.parse("a:c", "x", "y")).isEqualTo(new EntityRef("a", "y", "c"));
        assertThat(EntityRef.parse("c", "x", "y")).isEqualTo(new EntityRef("x", "y", "c"));
        assertThat(EntityRef.parse("c", "x", null)).isEqualTo(new EntityRef("x", "default", "c"));
        assertThat(EntityRef.parse("c", "x", "")).isEqualTo(new EntityRef("x", "default", "c"));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {":b/c", "a:/c", "a:b/", "a:/", ":b/", ":/c", ":/", "/c", "b/", ":c", "a:", ""})
    void a_ref_with_an_empty_part_is_rejected(String ref) {
        assertThatThrownBy(() -> EntityRef.parse(ref, "x", "y")).isInstanceOf(InvalidEntityRefException.class);
    }

    @Test
    void a_null_ref_is_rejected() {
        assertThatThrownBy(() -> EntityRef.parse(null))
                .isInstanceOf(InvalidEntityRefException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void the_name_keeps_colons_and_slashes_after_the_first_separators_as_backstage_does() {
        assertThat(EntityRef.parse("a:b:c")).isEqualTo(new EntityRef("a", "default", "b:c"));
        assertThat(EntityRef.parse("a:b/c/d")).isEqualTo(new EntityRef("a", "b", "c/d"));
        assertThat(EntityRef.parse("a:b/c:d")).isEqualTo(new EntityRef("a", "b", "c:d"));
        assertThat(EntityRef.parse("a/b/c", "x", "y")).isEqualTo(new EntityRef("x", "a", "b/c"));
    }

    @Test
    void a_slash_before_the_first_colon_ends_the_namespace_and_the_colon_belongs_to_the_name() {
        assertThat(EntityRef.parse("a/b:c", "x", "y")).isEqualTo(new EntityRef("x", "a", "b:c"));
    }

    @Test
    void the_parts_keep_their_case() {
        assertThat(EntityRef.parse("Component:Default/MyService"))
                .isEqualTo(new EntityRef("Component", "Default", "MyService"));
    }

    @Test
    void the_string_form_lower_cases_every_part_as_stringify_entity_ref_does() {
        EntityRef ref = new EntityRef("Component", "Default", "MyService");
        assertThat(ref).hasToString("component:default/myservice");
        assertThat(ref.key()).isEqualTo("component:default/myservice");
    }

    @Test
    void refs_that_differ_only_in_case_name_the_same_entity() {
        EntityRef written = new EntityRef("K", "nS", "N");
        assertThat(written.sameEntityAs(new EntityRef("k", "ns", "n"))).isTrue();
        assertThat(written.sameEntityAs(new EntityRef("k", "ns", "m"))).isFalse();
        assertThat(written.sameEntityAs(null)).isFalse();
    }

    @Property
    void format_then_parse_gives_the_same_parts(@ForAll("refs") EntityRef ref) {
        EntityRef lower = new EntityRef(
                ref.kind().toLowerCase(Locale.ROOT),
                ref.namespace().toLowerCase(Locale.ROOT),
                ref.name().toLowerCase(Locale.ROOT));
        assertThat(EntityRef.parse(ref.toString())).isEqualTo(lower);
    }

    @Property
    void a_lower_case_ref_string_round_trips(@ForAll("refs") EntityRef ref) {
        String text = ref.toString();
        assertThat(EntityRef.parse(text).toString()).isEqualTo(text);
    }

    @Property
    void keys_are_equal_exactly_when_the_parts_are_equal_ignoring_case(
            @ForAll("refs") EntityRef a, @ForAll("refs") EntityRef other, @ForAll boolean caseVariant) {
        // Half the pairs are one ref written in two cases, so both outcomes are exercised.
        EntityRef b = caseVariant ? swapCase(a) : other;
        boolean equalIgnoringCase = a.kind().equalsIgnoreCase(b.kind())
                && a.namespace().equalsIgnoreCase(b.namespace())
                && a.name().equalsIgnoreCase(b.name());
        assertThat(a.key().equals(b.key())).isEqualTo(equalIgnoringCase);
    }

    private static EntityRef swapCase(EntityRef ref) {
        return new EntityRef(swapCase(ref.kind()), swapCase(ref.namespace()), swapCase(ref.name()));
    }

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        text.chars()
                .forEach(c -> out.append(
                        Character.isUpperCase(c) ? Character.toLowerCase((char) c) : Character.toUpperCase((char) c)));
        return out.toString();
    }

    @Property
    void changing_the_case_of_a_ref_keeps_its_key(@ForAll("refs") EntityRef ref) {
        EntityRef upper = new EntityRef(
                ref.kind().toUpperCase(Locale.ROOT),
                ref.namespace().toUpperCase(Locale.ROOT),
                ref.name().toUpperCase(Locale.ROOT));
        assertThat(upper.key()).isEqualTo(ref.key());
        assertThat(upper.sameEntityAs(ref)).isTrue();
    }

    @Provide
    Arbitrary<EntityRef> refs() {
        Arbitrary<String> kinds = Combinators.combine(
                        Arbitraries.chars().range('a', 'c').with('A', 'B'),
                        Arbitraries.strings()
                                .withCharRange('a', 'c')
                                .withChars('A', '1')
                                .ofMaxLength(4))
                .as((first, rest) -> first + rest);
        Arbitrary<String> namespaces = Arbitraries.strings()
                .withCharRange('a', 'c')
                .withChars('1')
                .ofMinLength(1)
                .ofMaxLength(4)
                .map(s -> s + (s.length() > 2 ? "-x" : ""));
        // Names may hold ':' and '/' after the first separators, as in Backstage.
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange('a', 'c')
                .withChars('B', '-', '.', '_', ':', '/')
                .ofMinLength(1)
                .ofMaxLength(6);
        return Combinators.combine(kinds, namespaces, names).as(EntityRef::new);
    }
}
