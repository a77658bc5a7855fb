package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.testing.Corpus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every real state in the corpus parses, with the counts the files hold. */
class StateParserCorpusTest {

    // Managed and data instance counts per file; managed + data is the README table's instance count.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "5GZORRO__platform-automation__terraform_terraform.tfstate, 7, 1, 1.2.3",
        "81GB3N__digital-ocean__terraform_terraform.tfstate, 1, 0, 1.6.5",
        "Andrew-Chen-Wang__nextjs-spa-split__tofu_terraform.tfstate, 7, 1, 1.10.2",
        "Azure-Samples__azd-starter-terraform__infra_terraform.tfstate, 2, 1, 1.5.7",
        "CSYE6225NetworkStructuresDivya__tf-gcp-infra__infra_terraform.tfstate, 12, 0, 1.7.3",
        "LucasKonrath__infra-kata__opentofu_terraform.tfstate, 15, 2, 1.10.5",
        "RNAcentral__rnacentral-sequence-search__gcp_terraform.tfstate, 23, 0, 1.0.1",
        "THEjoezack__terraform-test-project__gcp_terraform.tfstate, 1, 0, 0.13.0",
        "blindern__drift__gcp_terraform.tfstate, 14, 1, 1.14.3",
        "devhulk__waypoint-ecs__eks_terraform.tfstate, 56, 15, 1.2.8",
        "gb3s__gb3scluster__infrastructure_terraform.tfstate, 36, 1, 1.2.4",
        "iam-veeramalla__ultimate-devops-project-demo__eks_errored.tfstate, 20, 0, 1.12.2",
        "isagues__terraform-demo__gcp_terraform.tfstate, 73, 1, 1.2.2",
        "kitchen__ssh-ca-vault__tf_terraform.tfstate, 15, 2, 0.12.13",
        "marioloera__terraform101__basic_course_terraform.tfstate, 6, 0, 1.1.5",
        "marioloera__terraform101__learn-state-migration_terraform.tfstate, 1, 0, 1.1.2",
        "vladoz77__terraform__instance-selectel_terraform.tfstate, 22, 5, 1.10.1",
        "woohwan__terraform-eks-blueprints-2023__base_terraform.tfstate, 66, 26, 1.3.6",
    })
    void every_corpus_state_parses_with_its_counts_and_unique_addresses(
            String file, long managed, long data, String terraformVersion) throws Exception {
        var instances = new ArrayList<ResourceInstance>();

        StateSummary summary = StateParser.parse(Corpus.state(file), instances::add);

        assertThat(summary.format()).isEqualTo(StateSummary.Format.STATE_V4);
        assertThat(summary.formatVersion()).isEqualTo("4");
        assertThat(summary.terraformVersion()).isEqualTo(terraformVersion);
        assertThat(summary.serial()).isNotNull();
        assertThat(summary.lineage()).isNotBlank();
        assertThat(summary.managedInstances()).isEqualTo(managed);
        assertThat(summary.dataInstancesSkipped()).isEqualTo(data);
        assertThat(summary.deposedObjectsSkipped()).isZero();
        assertThat(instances).hasSize((int) managed);
        assertThat(new HashSet<>(
                        instances.stream().map(ResourceInstance::address).toList()))
                .hasSize((int) managed);
        assertThat(instances).allSatisfy(i -> {
            assertThat(i.mode()).isEqualTo("managed");
            assertThat(i.provider()).matches("[a-z0-9.-]+/[a-z0-9-]+/[a-z0-9-]+");
            assertThat(i.attributes().isObject()).isTrue();
            assertThat(i.address()).endsWith(InstanceAddress.of("", "managed", i.type(), i.name(), i.indexKey()));
        });
    }

    @Test
    void module_and_for_each_addresses_are_exactly_what_the_file_says() throws Exception {
        var addresses = addresses("devhulk__waypoint-ecs__eks_terraform.tfstate");

        assertThat(addresses)
                .contains(
                        "module.vpc.aws_subnet.private[2]",
                        "module.eks.aws_security_group_rule.node[\"egress_ntp_udp\"]",
                        "module.eks.module.eks_managed_node_group[\"two\"].aws_launch_template.this[0]",
                        "module.eks.module.eks_managed_node_group[\"one\"].aws_iam_role_policy_attachment.this"
                                + "[\"arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy\"]");
        assertThat(addresses("woohwan__terraform-eks-blueprints-2023__base_terraform.tfstate"))
                .contains(
                        "module.eks_blueprints_kubernetes_addons.module.aws_vpc_cni[0].module.irsa_addon[0]"
                                + ".aws_iam_role.irsa[0]",
                        "module.eks_blueprints.module.kms[0].aws_kms_key.this");
        assertThat(addresses("isagues__terraform-demo__gcp_terraform.tfstate"))
                .contains("google_storage_bucket_object.css[\"lib/lightbox/css/lightbox.css\"]");
    }

    @Test
    void legacy_012_providers_and_depends_on_are_read() throws Exception {
        var instances = new ArrayList<ResourceInstance>();
        StateParser.parse(Corpus.state("kitchen__ssh-ca-vault__tf_terraform.tfstate"), instances::add);

        assertThat(instances)
                .extracting(ResourceInstance::provider)
                .containsOnly("registry.terraform.io/hashicorp/google", "registry.terraform.io/hashicorp/vault");
        assertThat(instances).anySatisfy(i -> assertThat(i.dependencies()).isNotEmpty());
    }

    @Test
    void opentofu_hosts_and_sensitive_index_steps_are_kept() throws Exception {
        var tofu = new ArrayList<ResourceInstance>();
        StateParser.parse(Corpus.state("LucasKonrath__infra-kata__opentofu_terraform.tfstate"), tofu::add);
        var azure = new ArrayList<ResourceInstance>();
        StateParser.parse(Corpus.state("5GZORRO__platform-automation__terraform_terraform.tfstate"), azure::add);

        assertThat(tofu).allSatisfy(i -> assertThat(i.provider()).startsWith("registry.opentofu.org/hashicorp/"));
        assertThat(tofu).anySatisfy(i -> assertThat(i.sensitivePaths()).contains(List.of("repository_password")));
        assertThat(azure)
                .anySatisfy(i ->
                        assertThat(i.sensitivePaths()).contains(List.of("service_principal", 0L, "client_secret")));
        assertThat(azure).anySatisfy(i -> assertThat(i.module()).isEqualTo("module.aks"));
    }

    private static List<String> addresses(String file) throws Exception {
        var addresses = new ArrayList<String>();
        StateParser.parse(Corpus.state(file), i -> addresses.add(i.address()));
        return addresses;
    }
}
