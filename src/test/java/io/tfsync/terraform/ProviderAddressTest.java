package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-null-",
            value = {
                "provider[\"registry.terraform.io/hashicorp/aws\"]|registry.terraform.io/hashicorp/aws|-null-",
                "provider[\"registry.terraform.io/hashicorp/aws\"].west|registry.terraform.io/hashicorp/aws|west",
                "module.m.provider[\"registry.terraform.io/hashicorp/aws\"]|registry.terraform.io/hashicorp/aws|-null-",
                "module.a[\"x.y\"].module.b[2].provider[\"registry.opentofu.org/hashicorp/aws\"].eu"
                        + "|registry.opentofu.org/hashicorp/aws|eu",
                "provider.aws|registry.terraform.io/hashicorp/aws|-null-",
                "provider.aws.west|registry.terraform.io/hashicorp/aws|west",
                "module.m.provider.google|registry.terraform.io/hashicorp/google|-null-",
                "provider.terraform|terraform.io/builtin/terraform|-null-",
                "provider[\"registry.terraform.io/-/openstack\"]|registry.terraform.io/-/openstack|-null-",
                "provider[\"Registry.Terraform.io/HashiCorp/AWS\"]|registry.terraform.io/hashicorp/aws|-null-",
                "provider[\"hashicorp/null\"]|registry.terraform.io/hashicorp/null|-null-",
                "registry.terraform.io/hashicorp/random|registry.terraform.io/hashicorp/random|-null-",
                "aws|registry.terraform.io/hashicorp/aws|-null-",
            })
    void every_written_form_normalises_to_host_namespace_type(String raw, String source, String alias) {
        assertThat(ProviderAddress.parse(raw)).contains(new ProviderAddress(source, alias));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "provider[\"a/b/c", "provider[\"a/b/c\"]x", "provider.", "a/b/c/d", "provider[\"a b\"]"})
    void what_is_not_a_provider_address_is_refused(String raw) {
        assertThat(ProviderAddress.parse(raw)).isEqualTo(Optional.empty());
    }
}
