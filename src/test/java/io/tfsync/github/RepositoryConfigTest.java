package io.tfsync.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepositoryConfigTest {

    private static RepositoryConfig parse(String path, String yaml) throws RepositoryConfig.InvalidConfigException {
        return RepositoryConfig.parse("acme/infra", path, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_every_key_of_the_tfsync_format() throws Exception {
        RepositoryConfig config = parse(".backstage/config.yaml", """
                component:
                  name: payments-api
                  owner: group:default/payments
                  system: payments
                  lifecycle: production
                  type: service
                  description: Card payments
                  tags: [payments, pci]
                workspaces: [payments-prod, payments-staging]
                """);
        assertThat(config.name()).contains("payments-api");
        assertThat(config.owner()).contains("group:default/payments");
        assertThat(config.tags()).containsExactly("payments", "pci");
        assertThat(config.workspaces()).containsExactly("payments-prod", "payments-staging");
    }

    @Test
    void mistakes_name_the_file_the_repository_and_the_key_or_line() {
        assertThatThrownBy(() -> parse(".backstage/config.yaml", "component:\n  owner: [a, b]\n"))
                .hasMessage(".backstage/config.yaml of acme/infra: component.owner must be a non-empty string");
        assertThatThrownBy(() -> parse(".backstage/config.yaml", "workspaces: payments\n"))
                .hasMessage(".backstage/config.yaml of acme/infra: workspaces must be a list of strings");
        assertThatThrownBy(() -> parse(".backstage/config.yaml", "components: {}\n"))
                .hasMessageContaining("unknown key components (known: component, workspaces)");
        assertThatThrownBy(() -> parse(".backstage/config.yaml", "component:\n  name: [unclosed\n"))
                .hasMessageStartingWith(".backstage/config.yaml of acme/infra is not valid YAML (line ")
                .hasMessageNotContaining("unclosed");
        assertThatThrownBy(() -> parse(".backstage/config.yaml", "- a\n- b\n"))
                .hasMessageContaining("must hold one YAML mapping");
        assertThatThrownBy(() -> parse(".backstage/config.yaml", ""))
                .hasMessage(".backstage/config.yaml of acme/infra is empty");
        assertThatThrownBy(() -> parse("catalog-info.yaml", "kind: API\nmetadata: {name: x}\n"))
                .hasMessage("catalog-info.yaml of acme/infra holds no document of kind Component");
    }

    @Test
    void catalog_info_yields_its_component_document_and_the_workspaces_annotation() throws Exception {
        RepositoryConfig config = parse("catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: System
                metadata: { name: payments }
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: payments-api
                  description: Card payments
                  tags: [java]
                  annotations:
                    tfsync.io/workspaces: "payments-prod, payments-staging,"
                spec: { type: service, owner: payments, lifecycle: experimental, system: payments }
                """);
        assertThat(config.name()).contains("payments-api");
        assertThat(config.lifecycle()).contains("experimental");
        assertThat(config.tags()).containsExactly("java");
        assertThat(config.workspaces()).containsExactly("payments-prod", "payments-staging");
    }

    @Test
    void repository_names_fold_to_entity_names_and_topics_that_are_not_tags_are_left_out() throws Exception {
        assertThat(ComponentMapper.nameOf("-My_Repo.v2-")).isEqualTo("My_Repo.v2");
        assertThat(ComponentMapper.nameOf("a".repeat(80))).hasSize(63);
        RepositoryInfo info = new RepositoryInfo(
                "acme/infra",
                "https://github.com/acme/infra",
                "main",
                Optional.empty(),
                Optional.empty(),
                List.of("terraform", "Not_A_Tag"),
                false);
        var component = ComponentMapper.component(
                info, RepositoryConfig.none(), Optional.empty(), "acme", "default", "group:default/team", List.of());
        assertThat(component.toJson().path("metadata").path("tags").toString()).isEqualTo("[\"terraform\"]");
        assertThat(component.toJson().path("spec").path("owner").asText()).isEqualTo("group:default/team");
        assertThatThrownBy(() -> ComponentMapper.component(
                        info,
                        new RepositoryConfig(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                List.of("Bad Tag"),
                                List.of()),
                        Optional.of(".backstage/config.yaml"),
                        "acme",
                        "default",
                        "group:default/team",
                        List.of()))
                .hasMessageContaining(".backstage/config.yaml of acme/infra: the tag Bad Tag must be");
    }
}
