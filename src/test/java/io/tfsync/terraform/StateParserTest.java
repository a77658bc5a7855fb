package io.tfsync.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The cases real states contain that the corpus lacks, and the inputs the parser must refuse. */
class StateParserTest {

    private static final Path STATES = Path.of("src/test/resources/states");

    @Test
    void a_012_state_with_flat_attributes_deposed_and_tainted_objects_is_read() throws Exception {
        var byAddress = parse("legacy-012-flat-deposed.tfstate");
        StateSummary summary = StateParser.parse(STATES.resolve("legacy-012-flat-deposed.tfstate"), i -> {});

        assertThat(summary)
                .isEqualTo(new StateSummary(StateSummary.Format.STATE_V4, "4", "0.12.31", 7L, "0a1b", 2, 1, 1, 1));
        assertThat(byAddress).containsOnlyKeys("aws_security_group.web[0]", "null_resource.tainted");
        ResourceInstance web = byAddress.get("aws_security_group.web[0]");
        assertThat(web.provider()).isEqualTo("registry.terraform.io/hashicorp/aws");
        assertThat(web.providerAlias()).isEqualTo("west");
        assertThat(web.indexKey()).isEqualTo(0L);
        assertThat(web.schemaVersion()).isEqualTo(1);
        assertThat(web.dependencies()).containsExactly("aws_vpc.main");
        assertThat(web.tainted()).isFalse();
        assertThat(web.attributes().toString())
                .isEqualTo("{\"id\":\"sg-1\",\"ingress\":[{\"cidr_blocks\":[\"10.0.0.0/8\"],\"from_port\":\"80\"},"
                        + "{\"from_port\":\"443\"}],\"tags\":{\"Name\":\"web\",\"kubernetes.io/cluster\":\"owned\"}}");
        assertThat(byAddress.get("null_resource.tainted").tainted()).isTrue();
        assertThat(byAddress.get("null_resource.tainted").provider()).isEqualTo("registry.terraform.io/hashicorp/null");
    }

    @Test
    void string_keys_in_nested_modules_aliases_and_per_instance_providers_are_read() throws Exception {
        var byAddress = parse("nested-for-each-modules.tfstate");

        ResourceInstance bob = byAddress.get("module.a[\"k.1\"].module.b[0].aws_iam_user.u[\"bob\"]");
        assertThat(bob.module()).isEqualTo("module.a[\"k.1\"].module.b[0]");
        assertThat(bob.indexKey()).isEqualTo("bob");
        assertThat(bob.provider()).isEqualTo("registry.terraform.io/hashicorp/aws");
        assertThat(bob.providerAlias()).isEqualTo("west");
        assertThat(bob.sensitivePaths())
                .containsExactly(List.of("password"), List.of("keys", 0L), List.of("tags", "Secret"));
        assertThat(bob.dependencies()).containsExactly("module.a[\"k.1\"].aws_iam_group.g");
        assertThat(byAddress).containsKey("module.a[\"k.1\"].module.b[0].aws_iam_user.u[\"say \\\"hi\\\"\"]");
        ResourceInstance tofu = byAddress.get("opentofu_thing.x");
        assertThat(tofu.provider()).isEqualTo("registry.opentofu.org/hashicorp/aws");
        assertThat(tofu.providerAlias()).isEqualTo("eu");
        assertThat(byAddress.get("openstack_compute_instance_v2.vm").provider())
                .isEqualTo("registry.terraform.io/-/openstack");
        assertThat(byAddress.get("late_header.y").attributes().get("id").asText())
                .isEqualTo("late");
    }

    @Test
    void show_json_output_with_child_modules_and_sensitive_values_is_read() throws Exception {
        var instances = new ArrayList<ResourceInstance>();
        StateSummary summary = StateParser.parse(STATES.resolve("show-json-child-modules.json"), instances::add);

        assertThat(summary)
                .isEqualTo(new StateSummary(StateSummary.Format.SHOW_JSON, "1.0", "1.9.5", null, null, 3, 1, 1, 0));
        assertThat(instances)
                .extracting(ResourceInstance::address)
                .containsExactly(
                        "aws_iam_user.u[\"bob\"]",
                        "module.net.aws_subnet.private[0]",
                        "module.net.module.deep[\"x\"].random_password.p");
        assertThat(instances.get(0).sensitivePaths()).containsExactly(List.of("access_keys", 0L, "secret"));
        assertThat(instances.get(0).dependencies()).containsExactly("aws_iam_group.g");
        assertThat(instances.get(0).module()).isEmpty();
        assertThat(instances.get(1).module()).isEqualTo("module.net");
        assertThat(instances.get(1).tainted()).isTrue();
        assertThat(instances.get(1).indexKey()).isEqualTo(0L);
        assertThat(instances.get(2).module()).isEqualTo("module.net.module.deep[\"x\"]");
        assertThat(instances.get(2).provider()).isEqualTo("registry.terraform.io/hashicorp/random");
        assertThat(instances.get(2).sensitivePaths()).containsExactly(List.of("result"));
        assertThat(instances.get(2).schemaVersion()).isEqualTo(3);
    }

    @Test
    void an_encrypted_opentofu_state_is_refused_with_advice_and_no_values() {
        assertThatThrownBy(() -> StateParser.parse(STATES.resolve("opentofu-encrypted.tfstate"), i -> {}))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("opentofu-encrypted.tfstate is an OpenTofu encrypted state; decrypt it")
                .hasMessageContaining("tfsync reads plain state")
                .hasMessageContaining("line 1, column")
                .hasMessageNotContaining("c2VjcmV0IHN0dWZm");
    }

    @Test
    void a_version_3_state_is_refused_naming_the_supported_version() {
        assertThatThrownBy(() -> StateParser.parse(STATES.resolve("version-3.tfstate"), i -> {}))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("is a state of format version 3; tfsync reads format version 4")
                .hasMessageContaining("line 2, column");
    }

    @Test
    void a_truncated_state_is_refused_without_quoting_the_value_it_stopped_in() {
        assertThatThrownBy(() -> StateParser.parse(STATES.resolve("truncated.tfstate"), i -> {}))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("truncated.tfstate ends before its JSON is complete")
                .hasMessageNotContaining("topsecret")
                .satisfies(e -> assertThat(((StateParseException) e).line()).isPositive());
    }

    @Test
    void input_that_is_not_json_is_refused_without_quoting_it() {
        assertThatThrownBy(() -> parseText("password=hunter2"))
                .isInstanceOf(StateParseException.class)
                .hasMessage("test input is not valid JSON (stopped at line 1, column 1)")
                .hasNoCause();
    }

    @Test
    void empty_input_is_refused() {
        assertThatThrownBy(() -> parseText("  \n"))
                .isInstanceOf(StateParseException.class)
                .hasMessageStartingWith("test input is empty");
    }

    @Test
    void a_json_value_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> parseText("[{\"version\":4}]"))
                .isInstanceOf(StateParseException.class)
                .hasMessageStartingWith("test input holds a JSON array, not an object");
    }

    @Test
    void an_object_without_a_version_is_not_a_state() {
        assertThatThrownBy(() -> parseText("{\"resources\":[]}"))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("has neither \"version\" nor \"format_version\"");
    }

    @Test
    void a_version_after_the_resources_still_counts() throws Exception {
        var summary = parseText("{\"resources\":[{\"mode\":\"managed\",\"type\":\"t\",\"name\":\"n\","
                + "\"provider\":\"provider[\\\"hashicorp/null\\\"]\",\"instances\":[{\"attributes\":{}}]}],"
                + "\"serial\":9,\"version\":4}");

        assertThat(summary.managedInstances()).isEqualTo(1);
        assertThat(summary.serial()).isEqualTo(9L);
    }

    @Test
    void a_show_json_document_of_another_major_format_is_refused() {
        assertThatThrownBy(() -> parseText("{\"format_version\":\"2.0\",\"values\":{}}"))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("format_version 2.0; tfsync reads format_version 1.x");
    }

    @Test
    void a_resource_without_a_readable_provider_is_refused() {
        assertThatThrownBy(() -> parseText("{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"t\","
                        + "\"name\":\"n\",\"provider\":\"nonsense[\",\"instances\":[{\"attributes\":{}}]}]}"))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("has resource t.n without a readable provider address");
    }

    @Test
    void a_module_written_after_its_emitted_instances_is_refused_rather_than_guessed() {
        assertThatThrownBy(() -> parseText("{\"version\":4,\"resources\":[{\"mode\":\"managed\",\"type\":\"t\","
                        + "\"name\":\"n\",\"provider\":\"provider.null\",\"instances\":[{\"attributes\":{}}],"
                        + "\"module\":\"module.m\"}]}"))
                .isInstanceOf(StateParseException.class)
                .hasMessageContaining("whose \"module\" comes after its instances");
    }

    @Test
    void show_json_of_an_empty_state_has_no_instances() throws Exception {
        var summary = parseText("{\"format_version\":\"1.0\"}");

        assertThat(summary.format()).isEqualTo(StateSummary.Format.SHOW_JSON);
        assertThat(summary.managedInstances()).isZero();
    }

    private static Map<String, ResourceInstance> parse(String file) throws Exception {
        var instances = new ArrayList<ResourceInstance>();
        StateParser.parse(STATES.resolve(file), instances::add);
        return instances.stream().collect(Collectors.toMap(ResourceInstance::address, Function.identity()));
    }

    private static StateSummary parseText(String text) throws Exception {
        return StateParser.parse(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test input", i -> {});
    }
}
