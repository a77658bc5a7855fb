package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.FieldFormats;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EntityNamesTest {

    @Test
    void a_plain_address_reads_as_its_steps() {
        assertThat(EntityNames.of("module.net.aws_subnet.private[0]")).isEqualTo("net.aws_subnet.private-0");
        assertThat(EntityNames.of("aws_vpc.main")).isEqualTo("aws_vpc.main");
        assertThat(EntityNames.of("module.a[2].module.b.google_sql_database.db"))
                .isEqualTo("a-2.b.google_sql_database.db");
    }

    @Test
    void a_for_each_key_gets_a_readable_prefix_and_a_hash() {
        assertThat(EntityNames.of("aws_iam_user.u[\"bob\"]")).matches("aws_iam_user\\.u-bob--[0-9a-f]{10}");
        assertThat(EntityNames.of("module.m[\"k\"].aws_iam_user.u[\"Bob Smith\"]"))
                .matches("m-k\\.aws_iam_user\\.u-bob-smith--[0-9a-f]{10}");
    }

    @Test
    void addresses_that_fold_to_the_same_text_get_different_names() {
        var names = Set.of(
                EntityNames.of("aws_s3_bucket.a_b"),
                EntityNames.of("aws_s3_bucket.a-b"),
                EntityNames.of("aws_s3_bucket.x[\"A\"]"),
                EntityNames.of("aws_s3_bucket.x[\"a\"]"),
                EntityNames.of("aws_s3_bucket.x[0]"),
                EntityNames.of("aws_s3_bucket.x[\"0\"]"),
                EntityNames.of("aws_s3_bucket.x-0"),
                EntityNames.of("module.data.aws_s3_bucket.b"),
                EntityNames.of("data.aws_s3_bucket.b"));
        assertThat(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct())
                .hasSize(9);
    }

    @Test
    void a_long_address_is_cut_to_63_characters_and_stays_unique() {
        String module = "module.eks_blueprints_kubernetes_addons.module.aws_vpc_cni[0].module.irsa_addon[0].";
        String a = EntityNames.of(module + "aws_iam_role.irsa[0]");
        String b = EntityNames.of(module + "aws_iam_role.irsa[1]");

        assertThat(a).hasSizeLessThanOrEqualTo(63).matches(".*irsa_addon-0.aws_iam_role.irsa-0--[0-9a-f]{10}");
        assertThat(FieldFormats.isValidObjectName(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }

    @Property(tries = 300)
    void random_addresses_give_valid_unique_stable_names(
            @ForAll("addressSets") @Size(max = 40) List<String> addresses) {
        Map<String, String> byName = new HashMap<>();
        for (String address : addresses) {
            String name = EntityNames.of(address);
            assertThat(FieldFormats.isValidObjectName(name)).as(name).isTrue();
            assertThat(EntityNames.of(address)).isEqualTo(name);
            String previous = byName.put(name.toLowerCase(Locale.ROOT), address);
            assertThat(previous == null || previous.equals(address))
                    .as("%s and %s both named %s", previous, address, name)
                    .isTrue();
        }
    }

    @Test
    void a_workspace_prefix_keeps_the_same_address_in_two_workspaces_apart() {
        assertThat(EntityNames.of("payments-prod", "module.net.aws_subnet.private[0]"))
                .isEqualTo("payments-prod.net.aws_subnet.private-0");
        assertThat(EntityNames.of("Payments-Prod", "aws_iam_role.this")).isEqualTo("payments-prod.aws_iam_role.this");
        assertThat(EntityNames.of("a", "module.b.aws_x.y")).isNotEqualTo(EntityNames.of("a.b", "aws_x.y"));
        assertThat(EntityNames.of("a.b", "aws_x.y")).matches("a.b.aws_x.y--[0-9a-f]{10}");
    }

    @Property(tries = 300)
    void random_workspaces_and_addresses_give_valid_unique_stable_names(
            @ForAll("placedAddressSets") @Size(max = 40) List<List<String>> placed) {
        Map<String, List<String>> byName = new HashMap<>();
        for (List<String> pair : placed) {
            String name = EntityNames.of(pair.get(0), pair.get(1));
            assertThat(FieldFormats.isValidObjectName(name)).as(name).isTrue();
            assertThat(EntityNames.of(pair.get(0), pair.get(1))).isEqualTo(name);
            List<String> key = List.of(pair.get(0).toLowerCase(Locale.ROOT), pair.get(1));
            List<String> previous = byName.put(name.toLowerCase(Locale.ROOT), key);
            assertThat(previous == null || previous.equals(key))
                    .as("%s and %s both named %s", previous, key, name)
                    .isTrue();
        }
    }

    @Provide
    Arbitrary<List<List<String>>> placedAddressSets() {
        Arbitrary<String> workspace = Arbitraries.oneOf(
                Arbitraries.of("a", "a.b", "b", "payments-prod", "A"),
                Arbitraries.strings()
                        .withChars("ab.-_1")
                        .ofMinLength(1)
                        .ofMaxLength(70)
                        .filter(w -> Character.isLetterOrDigit(w.charAt(0))
                                && Character.isLetterOrDigit(w.charAt(w.length() - 1))));
        return Combinators.combine(workspace, address()).as(List::of).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> addressSets() {
        return address().list().ofMaxSize(40);
    }

    private static Arbitrary<String> address() {
        Arbitrary<String> module = Combinators.combine(identifier(), key())
                .as((name, key) -> "module." + name + key)
                .list()
                .ofMaxSize(4)
                .map(steps -> steps.isEmpty() ? "" : String.join(".", steps) + ".");
        Arbitrary<String> mode = Arbitraries.of("", "", "", "data.");
        return Combinators.combine(module, mode, identifier(), identifier(), key())
                .as((m, d, type, name, key) -> m + d + type + "." + name + key);
    }

    // Small alphabets so that folding and case collisions actually happen.
    private static Arbitrary<String> identifier() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abAB_-01").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("abcdefghij_").ofMinLength(1).ofMaxLength(40));
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.integers().between(0, 12).map(n -> "[" + n + "]"),
                Arbitraries.strings()
                        .withChars("aA0 -_./\"\\é:")
                        .ofMaxLength(8)
                        .map(s -> "[\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]"));
    }
}
