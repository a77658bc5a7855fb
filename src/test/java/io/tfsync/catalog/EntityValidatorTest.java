package io.tfsync.catalog;

import static io.tfsync.catalog.TestEntities.resource;
import static io.tfsync.catalog.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Backstage's envelope and kind rules, with the cases of FieldFormatEntityPolicy.test.ts. */
class EntityValidatorTest {

    private static List<String> problems(Entity entity) {
        return EntityValidator.problems(entity).stream()
                .map(EntityProblem::toString)
                .toList();
    }

    private static List<String> problemsOfResourceWith(Consumer<ObjectNode> change) {
        ObjectNode json = resource("db");
        change.accept(json);
        return problems(Entity.of(json));
    }

    private static List<String> paths(Entity entity) {
        return EntityValidator.problems(entity).stream()
                .map(EntityProblem::path)
                .toList();
    }

    @Test
    void backstages_happy_path_entity_is_valid() {
        Entity entity = yaml("""
                apiVersion: backstage.io/v1beta1
                kind: Component
                metadata:
                  uid: e01199ab-08cc-44c2-8e19-5c29ded82521
                  etag: lsndfkjsndfkjnsdfkjnsd==
                  generation: 13
                  name: my-component-yay
                  namespace: the-namespace
                  title: My Component
                  description: Does things
                  labels:
                    backstage.io/custom: ValueStuff
                    empty: ""
                  annotations:
                    example.com/bindings: are-secret
                  tags: [java, c++, aws:eu-west-1]
                  links:
                    - url: https://admin.example.com
                      title: Admin Dashboard
                      icon: dashboard
                      type: admin
                spec:
                  type: service
                  lifecycle: production
                  owner: team-a
                  custom: stuff
                """);

        assertThat(problems(entity)).isEmpty();
        assertThatCode(() -> EntityValidator.validate(entity)).doesNotThrowAnyException();
    }

    @Test
    void a_valid_resource_is_valid() {
        assertThat(problems(Entity.of(resource("db")))).isEmpty();
    }

    @Test
    void a_bad_name_is_named_with_its_path_value_and_rule() {
        assertThat(problemsOfResourceWith(json -> json.with("metadata").put("name", "Foo Bar")))
                .containsExactly("metadata.name: \"Foo Bar\" is not a valid name: must be 1-63 characters of"
                        + " [A-Za-z0-9] separated by -, _ or .");
    }

    @Test
    void names_that_are_not_strings_or_too_long_are_rejected() {
        assertThat(problemsOfResourceWith(json -> json.with("metadata").put("name", 7)))
                .containsExactly("metadata.name: 7 is not a valid name: " + FieldFormats.OBJECT_NAME_RULE);
        assertThat(problemsOfResourceWith(json -> json.with("metadata").put("name", "a".repeat(1000))))
                .singleElement()
                .asString()
                .startsWith("metadata.name: \"aaaa")
                .contains("...");
        assertThat(problemsOfResourceWith(json -> json.with("metadata").remove("name")))
                .containsExactly("metadata.name: is required");
    }

    @Test
    void a_bad_api_version_or_kind_is_rejected() {
        assertThat(problemsOfResourceWith(json -> json.put("apiVersion", 7)))
                .singleElement()
                .asString()
                .startsWith("apiVersion: 7 is not a valid apiVersion");
        assertThat(problemsOfResourceWith(json -> json.put("apiVersion", "a#b")))
                .singleElement()
                .asString()
                .startsWith("apiVersion: \"a#b\"");
        assertThat(problems(yaml("{apiVersion: v1, kind: 'a#b', metadata: {name: n}}")))
                .containsExactly("kind: \"a#b\" is not a valid kind: " + FieldFormats.KIND_RULE);
        assertThat(problems(yaml("{apiVersion: v1, kind: 7, metadata: {name: n}}")))
                .singleElement()
                .asString()
                .startsWith("kind: 7");
        assertThat(problems(yaml("{metadata: {name: n}}")))
                .containsExactly("apiVersion: is required", "kind: is required");
    }

    @Test
    void a_namespace_must_be_a_dns_label() {
        assertThat(problemsOfResourceWith(json -> json.with("metadata").put("namespace", "Payments")))
                .containsExactly(
                        "metadata.namespace: \"Payments\" is not a valid namespace: " + FieldFormats.DNS_LABEL_RULE);
        assertThat(problemsOfResourceWith(json -> json.with("metadata").put("namespace", 7)))
                .singleElement()
                .asString()
                .startsWith("metadata.namespace: 7");
        assertThat(problemsOfResourceWith(json -> json.with("metadata").putNull("namespace")))
                .singleElement()
                .asString()
                .startsWith("metadata.namespace: null");
    }

    @Test
    void label_keys_and_values_are_checked() {
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").with("labels").put("a#b", "value")))
                .singleElement()
                .asString()
                .startsWith("metadata.labels[\"a#b\"]: \"a#b\" is not a valid label key");
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").with("labels").put("a", "a#b")))
                .containsExactly("metadata.labels.a: \"a#b\" is not a valid label value: must be empty or 1-63"
                        + " characters of [A-Za-z0-9] separated by -, _ or .");
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").with("labels").put("tfsync.io/tenant", 3)))
                .containsExactly("metadata.labels[\"tfsync.io/tenant\"]: the value must be a string, found 3");
    }

    @Test
    void annotation_keys_are_checked_and_values_must_be_strings() {
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").with("annotations").put("a#b", "value")))
                .singleElement()
                .asString()
                .startsWith("metadata.annotations[\"a#b\"]: \"a#b\" is not a valid annotation key");
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").with("annotations").put("a", 7)))
                .containsExactly("metadata.annotations.a: the value must be a string, found 7");
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").with("annotations").put("a", "Any text / at all")))
                .isEmpty();
    }

    @Test
    void tags_follow_backstages_tag_rule() {
        assertThat(problemsOfResourceWith(json -> json.with("metadata")
                        .putArray("tags")
                        .add("java")
                        .add("Java")
                        .add(5)))
                .containsExactly(
                        "metadata.tags[1]: \"Java\" is not a valid tag: " + FieldFormats.TAG_RULE,
                        "metadata.tags[2]: 5 is not a valid tag: " + FieldFormats.TAG_RULE);
        assertThat(problemsOfResourceWith(json -> json.with("metadata").put("tags", "java")))
                .containsExactly("metadata.tags: must be a list of tags, found \"java\"");
    }

    @Test
    void links_need_a_url_and_well_formed_optional_fields() {
        assertThat(problemsOfResourceWith(json -> {
                    var links = json.with("metadata").putArray("links");
                    links.addObject().put("title", "no url");
                    links.addObject()
                            .put("url", "not a url")
                            .put("title", " ")
                            .put("icon", "-bad")
                            .put("type", "");
                    links.add("https://example.com");
                }))
                .containsExactly(
                        "metadata.links[0].url: is required",
                        "metadata.links[1].url: \"not a url\" is not a valid url: must be an absolute URL such as"
                                + " https://example.com/page",
                        "metadata.links[1].title: \" \" is not a valid title: must not be blank",
                        "metadata.links[1].icon: \"-bad\" is not a valid icon: " + FieldFormats.OBJECT_NAME_RULE,
                        "metadata.links[1].type: must be a non-empty string, found \"\"",
                        "metadata.links[2]: must be an object with a url, found \"https://example.com\"");
    }

    @Test
    void title_and_description_must_be_strings() {
        assertThat(problemsOfResourceWith(
                        json -> json.with("metadata").put("title", 1).put("description", true)))
                .containsExactly(
                        "metadata.title: must be a string, found 1",
                        "metadata.description: must be a string, found true");
    }

    @Test
    void unknown_root_fields_a_missing_metadata_and_a_non_object_spec_are_rejected() {
        assertThat(problems(yaml("{apiVersion: v1, kind: Thing, metadata: {name: n}, extra: 1, spec: []}")))
                .containsExactly(
                        "extra: is not a known field; expected apiVersion, kind, metadata, spec, relations or status",
                        "spec: must be an object, found []");
        assertThat(problems(yaml("{apiVersion: v1, kind: Thing}"))).containsExactly("metadata: is required");
        assertThat(problems(yaml("{apiVersion: v1, kind: Thing, metadata: x}")))
                .containsExactly("metadata: must be an object, found \"x\"");
    }

    @Test
    void keys_that_differ_only_in_case_are_rejected() {
        assertThat(problems(yaml("{apiVersion: v1, kind: Thing, metadata: {name: n, Name: m}}")))
                .containsExactly(
                        "metadata.Name: differs only in case from metadata.name; keys must differ in more than case");
        assertThat(problemsOfResourceWith(json -> json.with("spec")
                        .put("OWNER", "x")
                        .put("lifecycle", "a")
                        .put("lifeCycle", "b")))
                .containsExactly(
                        "spec.OWNER: differs only in case from spec.owner; keys must differ in more than case",
                        "spec.lifeCycle: differs only in case from spec.lifecycle; keys must differ in more than case");
    }

    @Test
    void a_resource_needs_a_type_and_an_owner() {
        assertThat(problemsOfResourceWith(json -> {
                    json.with("spec").remove("type");
                    json.with("spec").put("owner", "");
                }))
                .containsExactly(
                        "spec.type: is required for kind Resource",
                        "spec.owner: must be a non-empty string, found \"\"");
        assertThat(problemsOfResourceWith(json -> json.remove("spec")))
                .containsExactly("spec: is required for kind Resource");
    }

    @Test
    void dependencies_are_lists_of_refs_with_a_kind() {
        assertThat(problemsOfResourceWith(json -> {
                    json.with("spec")
                            .putArray("dependsOn")
                            .add("resource:vpc")
                            .add("vpc")
                            .add(3)
                            .add(":x");
                    json.with("spec").put("dependencyOf", "component:web");
                    json.with("spec").put("system", 7);
                }))
                .containsExactly(
                        "spec.dependsOn[2]: must be a non-empty string, found 3",
                        "spec.dependencyOf: must be a list of non-empty strings, found \"component:web\"",
                        "spec.system: must be a non-empty string, found 7",
                        "spec.dependsOn[1]: \"vpc\" is not a valid entity ref: the kind is missing (it did not start"
                                + " with \"component:\" or similar); write it as kind:namespace/name or kind:name",
                        "spec.dependsOn[3]: \":x\" is not a valid entity ref: it is not of the form"
                                + " [<kind>:][<namespace>/]<name>; write it as kind:namespace/name or kind:name");
    }

    @Test
    void an_owner_that_does_not_parse_is_rejected_but_one_without_kind_is_a_group() {
        assertThat(problemsOfResourceWith(json -> json.with("spec").put("owner", "group:")))
                .hasSize(1);
        assertThat(problemsOfResourceWith(json -> json.with("spec").put("owner", "other-ns/team-b")))
                .isEmpty();
    }

    @Test
    void each_built_in_kind_requires_its_fields() {
        assertThat(paths(yaml("{apiVersion: backstage.io/v1alpha1, kind: Component, metadata: {name: n}, spec: {}}")))
                .containsExactly("spec.type", "spec.lifecycle", "spec.owner");
        assertThat(paths(yaml("{apiVersion: backstage.io/v1alpha1, kind: API, metadata: {name: n}, spec: {}}")))
                .containsExactly("spec.type", "spec.lifecycle", "spec.owner", "spec.definition");
        assertThat(paths(yaml("{apiVersion: backstage.io/v1alpha1, kind: System, metadata: {name: n}, spec: {}}")))
                .containsExactly("spec.owner");
        assertThat(paths(yaml("{apiVersion: backstage.io/v1alpha1, kind: Domain, metadata: {name: n}, spec: {}}")))
                .containsExactly("spec.owner");
        assertThat(paths(yaml("{apiVersion: backstage.io/v1alpha1, kind: Group, metadata: {name: n}, spec: {}}")))
                .containsExactly("spec.type", "spec.children");
        assertThat(paths(yaml("{apiVersion: backstage.io/v1alpha1, kind: User, metadata: {name: n}, spec: {}}")))
                .isEmpty();
    }

    @Test
    void optional_spec_fields_must_have_their_types() {
        assertThat(paths(yaml("""
                        apiVersion: backstage.io/v1alpha1
                        kind: Component
                        metadata: {name: n}
                        spec: {type: t, lifecycle: l, owner: o, system: [], subcomponentOf: "", providesApis: x,
                               consumesApis: [1], dependsOn: {}}
                        """)))
                .containsExactly(
                        "spec.system",
                        "spec.subcomponentOf",
                        "spec.providesApis",
                        "spec.consumesApis[0]",
                        "spec.dependsOn");
        assertThat(paths(yaml("""
                        apiVersion: backstage.io/v1alpha1
                        kind: Group
                        metadata: {name: n}
                        spec: {type: team, children: [], members: [""], profile: {email: "", displayName: 3}}
                        """)))
                .containsExactly("spec.members[0]", "spec.profile.displayName", "spec.profile.email");
        assertThat(paths(yaml(
                        "{apiVersion: backstage.io/v1alpha1, kind: User, metadata: {name: n}, spec: {profile: x}}")))
                .containsExactly("spec.profile");
    }

    @Test
    void other_kinds_and_other_api_versions_get_only_the_envelope_rules() {
        assertThat(problems(yaml("{apiVersion: acme.io/v1, kind: Database, metadata: {name: db}}")))
                .isEmpty();
        assertThat(problems(yaml("{apiVersion: acme.io/v1, kind: Resource, metadata: {name: db}}")))
                .isEmpty();
        assertThat(problems(yaml("{apiVersion: backstage.io/v1alpha1, kind: resource, metadata: {name: db}}")))
                .isEmpty();
    }

    @Test
    void validate_throws_one_exception_listing_every_problem() {
        Entity entity = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Resource
                metadata: { name: Foo Bar, namespace: Payments }
                spec: { type: database }
                """);

        assertThatThrownBy(() -> EntityValidator.validate(entity))
                .isInstanceOfSatisfying(InvalidEntityException.class, e -> {
                    assertThat(e.problems())
                            .extracting(EntityProblem::path)
                            .containsExactly("metadata.name", "metadata.namespace", "spec.owner");
                    assertThat(e.entity()).isEqualTo("resource:payments/foo bar");
                })
                .hasMessageStartingWith(
                        "Invalid entity resource:payments/foo bar (3 problems): metadata.name: \"Foo Bar\"")
                .hasMessageContaining("; metadata.namespace: \"Payments\"")
                .hasMessageEndingWith("; spec.owner: is required for kind Resource");
    }

    @Test
    void an_entity_without_a_name_is_described_as_such() {
        assertThatThrownBy(() -> EntityValidator.validate(yaml("{apiVersion: v1, kind: Thing, metadata: {}}")))
                .hasMessage("Invalid entity without a name (1 problem): metadata.name: is required");
    }
}
