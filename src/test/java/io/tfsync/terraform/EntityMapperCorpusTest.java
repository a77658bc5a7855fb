package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tfsync.catalog.Entity;
import io.tfsync.catalog.EntityValidator;
import io.tfsync.testing.Corpus;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every real state maps to valid entities, one per managed instance the default rules keep. */
class EntityMapperCorpusTest {

    private static final WorkspaceContext WORKSPACE =
            new WorkspaceContext("corpus", "acme", "platform", "default", "group:default/platform", Optional.empty());

    // Entities per file were counted with jq, independently of the mapper: managed instances, not
    // deposed, whose provider type is not a utility provider.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "5GZORRO__platform-automation__terraform_terraform.tfstate, 7, 7",
        "81GB3N__digital-ocean__terraform_terraform.tfstate, 1, 1",
        "Andrew-Chen-Wang__nextjs-spa-split__tofu_terraform.tfstate, 7, 7",
        "Azure-Samples__azd-starter-terraform__infra_terraform.tfstate, 2, 2",
        "CSYE6225NetworkStructuresDivya__tf-gcp-infra__infra_terraform.tfstate, 12, 12",
        "LucasKonrath__infra-kata__opentofu_terraform.tfstate, 15, 14",
        "RNAcentral__rnacentral-sequence-search__gcp_terraform.tfstate, 23, 23",
        "THEjoezack__terraform-test-project__gcp_terraform.tfstate, 1, 1",
        "blindern__drift__gcp_terraform.tfstate, 14, 14",
        "devhulk__waypoint-ecs__eks_terraform.tfstate, 56, 55",
        "gb3s__gb3scluster__infrastructure_terraform.tfstate, 36, 36",
        "iam-veeramalla__ultimate-devops-project-demo__eks_errored.tfstate, 20, 20",
        "isagues__terraform-demo__gcp_terraform.tfstate, 73, 73",
        "kitchen__ssh-ca-vault__tf_terraform.tfstate, 15, 15",
        "marioloera__terraform101__basic_course_terraform.tfstate, 6, 0",
        "marioloera__terraform101__learn-state-migration_terraform.tfstate, 1, 0",
        "vladoz77__terraform__instance-selectel_terraform.tfstate, 22, 22",
        "woohwan__terraform-eks-blueprints-2023__base_terraform.tfstate, 66, 64",
    })
    void every_corpus_state_maps_to_valid_unique_entities_of_real_instances(String file, long managed, int expected)
            throws Exception {
        Set<String> addresses = new HashSet<>();
        StateParser.parse(Corpus.state(file), i -> addresses.add(i.address()));
        var state = new StateEntities(new EntityMapper(WORKSPACE, MappingRules.defaults()));

        StateParser.parse(Corpus.state(file), state);
        List<Entity> entities = state.entities();

        assertThat(entities).hasSize(expected);
        assertThat(state.excluded()).isEqualTo(managed - expected);
        assertThat(entities).allSatisfy(e -> {
            assertThat(EntityValidator.problems(e)).isEmpty();
            assertThat(addresses)
                    .contains(e.toJson()
                            .path("metadata")
                            .path("annotations")
                            .path("terraform.io/address")
                            .asText());
        });
        assertThat(entities.stream().map(Entity::name).distinct()).hasSize(expected);
        Set<String> refs = new HashSet<>();
        entities.forEach(e -> refs.add("resource:default/" + e.name()));
        assertThat(entities)
                .allSatisfy(e ->
                        e.at("spec.dependsOn").forEach(ref -> assertThat(refs).contains(ref.asText())));
    }
}
