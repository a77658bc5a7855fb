package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tfsync.catalog.Entity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntityMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS = "registry.terraform.io/hashicorp/aws";
    private static final WorkspaceContext WORKSPACE = new WorkspaceContext(
            "prod-net", "acme", "payments", "team-a", "group:team-a/platform", Optional.of("system:team-a/network"));

    @Test
    void an_instance_becomes_a_resource_with_the_fixed_annotations_and_labels() throws Exception {
        Entity e = map(instance(
                        "module.net.aws_subnet.private[0]", "module.net", "aws_subnet", 0L, AWS, "{\"id\":\"s-1\"}"))
                .orElseThrow();

        assertThat(e.toJson()).isEqualTo(JSON.readTree("""
                        {"apiVersion":"backstage.io/v1alpha1","kind":"Resource",
                         "metadata":{"name":"prod-net.net.aws_subnet.private-0","namespace":"team-a",
                           "annotations":{"terraform.io/address":"module.net.aws_subnet.private[0]",
                             "terraform.io/workspace":"prod-net","terraform.io/resource-type":"aws_subnet",
                             "terraform.io/provider":"registry.terraform.io/hashicorp/aws",
                             "backstage.io/managed-by-location":"tfsync:workspace/prod-net",
                             "backstage.io/managed-by-origin-location":"tfsync:workspace/prod-net"},
                           "labels":{"tfsync.io/tenant":"acme","tfsync.io/business-unit":"payments"}},
                         "spec":{"type":"subnet","owner":"group:team-a/platform","system":"system:team-a/network",
                           "attributes":{"id":"s-1"}}}
                        """));
    }

    @Test
    void spec_type_follows_rules_then_defaults_then_the_resource_type() throws Exception {
        var rules = MappingRules.from(JSON.readTree("{\"types\": {\"aws_lambda_*\": \"serverless\"}}"));

        assertThat(rules.specType("aws_db_instance")).isEqualTo("database");
        assertThat(rules.specType("azurerm_storage_account")).isEqualTo("storage");
        assertThat(rules.specType("google_storage_bucket")).isEqualTo("storage");
        assertThat(rules.specType("azurerm_kubernetes_cluster")).isEqualTo("kubernetes-cluster");
        assertThat(rules.specType("aws_eks_cluster")).isEqualTo("kubernetes-cluster");
        assertThat(rules.specType("google_container_cluster")).isEqualTo("kubernetes-cluster");
        assertThat(rules.specType("aws_lambda_function")).isEqualTo("serverless");
        assertThat(rules.specType("aws_iam_role_policy")).isEqualTo("aws-iam-role-policy");
    }

    @Test
    void utility_providers_and_data_sources_are_excluded_whatever_the_host() {
        assertThat(map(instance("random_id.x", "", "random_id", null, "registry.opentofu.org/hashicorp/random", "{}")))
                .isEmpty();
        assertThat(map(instance(
                        "terraform_data.x", "", "terraform_data", null, "terraform.io/builtin/terraform", "{}")))
                .isEmpty();
        var data = new ResourceInstance(
                "data.aws_vpc.v",
                "",
                "data",
                "aws_vpc",
                "v",
                null,
                AWS,
                null,
                false,
                JSON.createObjectNode(),
                List.of(),
                List.of(),
                0);
        assertThat(map(data)).isEmpty();
    }

    @Test
    void a_tainted_instance_is_an_entity() {
        var tainted = new ResourceInstance(
                "aws_vpc.v",
                "",
                "managed",
                "aws_vpc",
                "v",
                null,
                AWS,
                null,
                true,
                JSON.createObjectNode(),
                List.of(),
                List.of(),
                0);
        assertThat(map(tainted)).isPresent();
    }

    @Test
    void owner_and_system_come_from_tags_when_they_are_valid_refs() {
        Entity tagged = map(instance(
                        "aws_vpc.v",
                        "",
                        "aws_vpc",
                        null,
                        AWS,
                        "{\"tags\": {\"owner\": \"group:team-a/data\", \"system\": \"billing\", \"Name\": \"main vpc\"}}"))
                .orElseThrow();
        Entity badTag = map(instance("aws_vpc.w", "", "aws_vpc", null, AWS, "{\"tags\": {\"owner\": \"not a ref!\"}}"))
                .orElseThrow();

        assertThat(tagged.at("spec.owner").asText()).isEqualTo("group:team-a/data");
        assertThat(tagged.at("spec.system").asText()).isEqualTo("billing");
        assertThat(tagged.at("metadata.title").asText()).isEqualTo("main vpc");
        assertThat(badTag.at("spec.owner").asText()).isEqualTo("group:team-a/platform");
    }

    @Test
    void tag_keys_that_differ_only_in_case_never_make_an_invalid_entity() {
        Entity twoNames = map(instance(
                        "aws_vpc.v",
                        "",
                        "aws_vpc",
                        null,
                        AWS,
                        "{\"id\": \"v\", \"tags\": {\"Name\": \"a\", \"name\": \"b\"}}"))
                .orElseThrow();
        Entity dotted = map(instance(
                        "aws_vpc.w",
                        "",
                        "aws_vpc",
                        null,
                        AWS,
                        "{\"id\": \"w\", \"tags\": {\"a.B\": \"1\", \"A\": {\"b\": \"2\"}}}"))
                .orElseThrow();

        assertThat(twoNames.at("spec.attributes.tags").toString()).isEqualTo("{\"Name\":\"a\"}");
        assertThat(dotted.at("spec.attributes").isMissingNode()).isTrue();
        assertThat(dotted.at("spec.type").asText()).isEqualTo("network");
    }

    @Test
    void a_dependency_written_without_module_keys_names_the_sibling_in_the_same_module_instance() {
        var state = new StateEntities(new EntityMapper(WORKSPACE, MappingRules.defaults()));
        String group = "module.eks.module.node_group";
        for (String key : List.of("one", "two")) {
            String module = group + "[\"" + key + "\"]";
            state.accept(instanceWithDependencies(
                    module + ".aws_eks_node_group.this",
                    module,
                    "aws_eks_node_group",
                    List.of(group + ".aws_iam_role.this", "module.eks.aws_eks_cluster.this")));
            state.accept(instanceWithDependencies(module + ".aws_iam_role.this", module, "aws_iam_role", List.of()));
        }
        state.accept(instanceWithDependencies(
                "module.eks.aws_eks_cluster.this", "module.eks", "aws_eks_cluster", List.of()));

        List<Entity> entities = state.entities();

        String one = entities.get(0).at("spec.dependsOn").toString();
        String two = entities.get(2).at("spec.dependsOn").toString();
        assertThat(one)
                .contains("aws_eks_cluster.this")
                .contains("node_group-one.aws_iam_role")
                .doesNotContain("-two");
        assertThat(two)
                .contains("aws_eks_cluster.this")
                .contains("node_group-two.aws_iam_role")
                .doesNotContain("-one");
    }

    @Test
    void depends_on_names_every_instance_of_a_dependency_even_one_that_comes_later() throws Exception {
        var state = new StateEntities(new EntityMapper(WORKSPACE, MappingRules.defaults()));
        state.accept(withDeps(
                "aws_instance.web", List.of("module.net.aws_subnet.private", "random_id.x", "data.aws_ami.a")));
        state.accept(instance("module.net.aws_subnet.private[1]", "module.net", "aws_subnet", 1L, AWS, "{}"));
        state.accept(instance("module.net.aws_subnet.private[0]", "module.net", "aws_subnet", 0L, AWS, "{}"));
        state.accept(instance("random_id.x", "", "random_id", null, "registry.terraform.io/hashicorp/random", "{}"));

        List<Entity> entities = state.entities();

        assertThat(entities).hasSize(3);
        assertThat(state.excluded()).isEqualTo(1);
        assertThat(entities.get(0).at("spec.dependsOn").toString())
                .isEqualTo(
                        "[\"resource:team-a/prod-net.net.aws_subnet.private-0\",\"resource:team-a/prod-net.net.aws_subnet.private-1\"]");
        assertThat(entities.get(1).at("spec.dependsOn").isMissingNode()).isTrue();
    }

    private static Optional<Entity> map(ResourceInstance instance) {
        return new EntityMapper(WORKSPACE, MappingRules.defaults()).map(instance);
    }

    private static ResourceInstance instanceWithDependencies(
            String address, String module, String type, List<String> dependencies) {
        return instanceWithDependencies(address, module, type, "this", dependencies);
    }

    private static ResourceInstance instanceWithDependencies(
            String address, String module, String type, String name, List<String> dependencies) {
        return new ResourceInstance(
                address,
                module,
                "managed",
                type,
                name,
                null,
                AWS,
                null,
                false,
                JSON.createObjectNode(),
                List.of(),
                dependencies,
                0);
    }

    private static ResourceInstance withDeps(String address, List<String> deps) {
        return instanceWithDependencies(address, "", "aws_instance", "web", deps);
    }

    private static ResourceInstance instance(
            String address, String module, String type, Object key, String provider, String attributes) {
        try {
            JsonNode attrs = JSON.readTree(attributes);
            String name = address.substring(
                    0, address.length() - (key == null ? 0 : address.length() - address.lastIndexOf('[')));
            name = name.substring(name.lastIndexOf('.') + 1);
            return new ResourceInstance(
                    address, module, "managed", type, name, key, provider, null, false, attrs, List.of(), List.of(), 0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
