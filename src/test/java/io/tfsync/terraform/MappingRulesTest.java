package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MappingRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS = "registry.terraform.io/hashicorp/aws";
    private static final String GOOGLE = "registry.terraform.io/hashicorp/google";

    @Test
    void an_empty_block_keeps_the_defaults() throws Exception {
        MappingRules rules = MappingRules.from(JSON.readTree("{}"));

        assertThat(rules).isEqualTo(MappingRules.defaults());
        assertThat(rules.attributes()).containsExactlyElementsOf(MappingRules.DEFAULT_ATTRIBUTES);
        assertThat(rules.ownerTags()).containsExactly("owner");
        assertThat(rules.includes("aws_vpc", AWS)).isTrue();
        assertThat(rules.includes("null_resource", "registry.terraform.io/hashicorp/null"))
                .isFalse();
        assertThat(rules.includes("time_sleep", "registry.opentofu.org/hashicorp/time"))
                .isFalse();
    }

    @Test
    void include_and_exclude_filter_by_type_glob_and_provider() throws Exception {
        MappingRules rules = MappingRules.from(JSON.readTree("""
                {"include": {"providers": ["aws", "registry.terraform.io/hashicorp/google"]},
                 "exclude": {"types": ["aws_iam_*"], "providers": ["kubernetes"]},
                 "defaultExclusions": false, "attributes": ["cidr_block"], "ownerTags": ["team", "Owner"]}
                """));

        assertThat(rules.includes("aws_vpc", AWS)).isTrue();
        assertThat(rules.includes("google_compute_network", GOOGLE)).isTrue();
        assertThat(rules.includes("aws_iam_role", AWS)).isFalse();
        assertThat(rules.includes("azurerm_subnet", "registry.terraform.io/hashicorp/azurerm"))
                .isFalse();
        assertThat(rules.attributes()).contains("id", "cidr_block");
        assertThat(rules.ownerTags()).containsExactly("team", "Owner");
        assertThat(MappingRules.from(JSON.readTree("{\"defaultExclusions\": false}"))
                        .includes("random_id", "registry.terraform.io/hashicorp/random"))
                .isTrue();
    }

    @Test
    void a_wrong_block_is_refused_naming_the_key() {
        assertRefused("{\"exclud\": {}}", "mapping.exclud");
        assertRefused("{\"include\": {\"type\": []}}", "mapping.include.type");
        assertRefused("{\"include\": {\"types\": [\"a\", 3]}}", "mapping.include.types[1]");
        assertRefused("{\"types\": {\"aws_*\": \"\"}}", "mapping.types.aws_*");
        assertRefused("{\"defaultExclusions\": \"no\"}", "mapping.defaultExclusions");
        assertRefused("{\"attributes\": \"id\"}", "mapping.attributes");
        assertRefused("[]", "mapping");
    }

    private static void assertRefused(String mapping, String key) {
        assertThatThrownBy(() -> MappingRules.from(JSON.readTree(mapping)))
                .isInstanceOfSatisfying(
                        MappingRulesException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageStartingWith(key + ": ");
    }
}
