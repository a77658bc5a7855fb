package io.tfsync.config;

import static io.tfsync.config.ConfigFixture.failure;
import static io.tfsync.config.ConfigFixture.problem;
import static io.tfsync.config.ConfigFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceErrorsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void a_state_file() throws IOException {
        Files.createDirectories(dir.resolve("states"));
        Files.writeString(dir.resolve("states/a.tfstate"), "{\"version\": 4}");
    }

    @Test
    void an_unknown_source_type_names_file_line_column_key_and_the_expected_types() {
        ConfigException e = failure(dir, """
                workspaces:
                  - id: payments-prod
                    tenant: acme
                    businessUnit: payments
                    owner: group:default/payments-team
                    source: { type: file, path: states/a.tfstate }
                  - id: network
                    tenant: acme
                    businessUnit: platform
                    owner: platform-team
                    source:
                      type: tfx
                      organization: acme
                """);
        problem(e, "workspaces[1].source.type", 12, 13, "unknown source type 'tfx'; expected one of: tfc, file");
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage())
                .isEqualTo(dir.resolve("tfsync.yaml")
                        + ":12:13: workspaces[1].source.type: unknown source type 'tfx'; expected one of: tfc, file");
    }

    @Test
    void duplicate_workspace_ids_are_reported_at_the_second_one() {
        ConfigException e = failure(dir, """
                workspaces:
                  - { id: payments, tenant: acme, businessUnit: bu, owner: team, source: { type: file, path: states/a.tfstate } }
                  - { id: Payments, tenant: acme, businessUnit: bu, owner: team, source: { type: file, path: states/a.tfstate } }
                """);
        problem(e, "workspaces[1].id", 3, 11, "duplicate workspace id 'Payments'", "workspaces[0] already uses it");
    }

    @Test
    void a_workspace_without_tenant_is_reported_at_the_workspace() {
        ConfigException e = failure(dir, """
                workspaces:
                  - id: payments
                    businessUnit: bu
                    owner: team
                    source: { type: file, path: states/a.tfstate }
                """);
        problem(e, "workspaces[0].tenant", 2, 5, "required key is missing", "tenant");
    }

    @Test
    void an_invalid_owner_ref_says_the_expected_form() {
        ConfigException e = failure(dir, """
                workspaces:
                  - id: payments
                    tenant: acme
                    businessUnit: bu
                    owner: "group:default/"
                    source: { type: file, path: states/a.tfstate }
                  - id: network
                    tenant: acme
                    businessUnit: bu
                    owner: "user:a:b"
                    source: { type: file, path: states/a.tfstate }
                """);
        problem(
                e,
                "workspaces[0].owner",
                5,
                12,
                "'group:default/' is not a valid owner ref",
                "is not of the form",
                "kind:namespace/name or name");
        problem(e, "workspaces[1].owner", 10, 12, "'user:a:b' is not a valid owner ref");
    }

    @Test
    void an_invalid_cron_schedule_is_reported_with_the_expected_form() {
        ConfigException e = failure(dir, """
                workspaces:
                  - id: payments
                    tenant: acme
                    businessUnit: bu
                    owner: team
                    source: { type: file, path: states/a.tfstate }
                    schedule: "0 */6 * *"
                """);
        problem(e, "workspaces[0].schedule", 7, 15, "invalid cron expression '0 */6 * *'", "5 fields", "found 4");
    }

    @Test
    void a_file_source_without_path_or_with_a_missing_file_is_reported() {
        ConfigException e = failure(dir, """
                workspaces:
                  - id: payments
                    tenant: acme
                    businessUnit: bu
                    owner: team
                    source: { type: file }
                  - id: network
                    tenant: acme
                    businessUnit: bu
                    owner: team
                    source: { type: file, path: "${STATES}/network.tfstate" }
                """);
        problem(e, "workspaces[0].source.path", 6, 13, "required key is missing", "path of a state file");
        problem(
                e,
                "workspaces[1].source.path",
                11,
                33,
                "no state file at /network.tfstate",
                "relative to the folder of this configuration file",
                "the value came from ${STATES}, which is not set");
    }

    @Test
    void a_workspace_without_source_is_reported() {
        ConfigException e = failure(dir, """
                workspaces:
                  - { id: payments, tenant: acme, businessUnit: bu, owner: team }
                """);
        problem(e, "workspaces[0].source", 2, 5, "required key is missing", "type: tfc", "type: file");
    }

    @Test
    void a_tfc_source_needs_organization_and_workspace_and_a_token() {
        ConfigException e = failure(write(dir, """
                terraformCloud: { token: "${TFC_TOKEN}" }
                workspaces:
                  - id: payments
                    tenant: acme
                    businessUnit: bu
                    owner: team
                    source: { type: tfc, organization: acme, workspace: "payments prod" }
                  - id: network
                    tenant: acme
                    businessUnit: bu
                    owner: team
                    source: { type: tfc, workspace: network }
                """), Map.of());
        problem(e, "workspaces[0].source.workspace", 7, 57, "'payments prod' is not a valid Terraform Cloud workspace");
        problem(e, "workspaces[1].source.organization", 12, 13, "required key is missing");
        assertThat(e.problems()).hasSize(2);

        ConfigException noToken = failure(write(dir, """
                terraformCloud: { token: "${TFC_TOKEN}" }
                workspaces:
                  - { id: payments, tenant: acme, businessUnit: bu, owner: team, source: { type: tfc, organization: acme, workspace: payments } }
                """), Map.of());
        problem(
                noToken,
                "terraformCloud.token",
                1,
                26,
                "required because workspaces[0] ('payments') reads its state" + " from Terraform Cloud",
                "the value came from ${TFC_TOKEN}, which is not set");
    }

    @Test
    void names_namespaces_systems_and_repositories_follow_their_rules() {
        ConfigException e = failure(dir, """
                workspaces:
                  - id: "-bad-"
                    tenant: "acme corp"
                    businessUnit: bu
                    namespace: Default_NS
                    owner: team
                    system: "group:payments"
                    repository: "not a repo"
                    source: { type: file, path: states/a.tfstate }
                """);
        problem(e, "workspaces[0].id", 2, 9, "'-bad-' is not a valid workspace id", "at most 63 characters");
        problem(e, "workspaces[0].tenant", 3, 13, "'acme corp' is not a valid tenant");
        problem(e, "workspaces[0].namespace", 5, 16, "'Default_NS' is not a valid namespace", "DNS label");
        problem(e, "workspaces[0].system", 7, 13, "not a valid system ref", "the kind must be system");
        problem(e, "workspaces[0].repository", 8, 17, "expected owner/name");
    }

    @Test
    void a_github_webhook_secret_that_comes_out_empty_is_reported_and_one_left_out_is_not() {
        Path file = write(dir, """
                github: { webhookSecret: "${GITHUB_WEBHOOK_SECRET}" }
                workspaces:
                  - { id: payments, tenant: acme, businessUnit: bu, owner: team, repository: acme/infra, source: { type: file, path: states/a.tfstate } }
                """);
        ConfigException e = failure(file, Map.of());
        problem(
                e,
                "github.webhookSecret",
                1,
                26,
                "is empty, but workspaces[0] ('payments') follows a GitHub" + " repository",
                "${GITHUB_WEBHOOK_SECRET}, which is not set");
        assertThat(ConfigLoader.load(file, Map.of("GITHUB_WEBHOOK_SECRET", "s")).workspaces())
                .hasSize(1);
        // Left out: the secrets tfsync setup github-webhook stores per repository verify deliveries.
        Path without = write(dir, """
                workspaces:
                  - { id: payments, tenant: acme, businessUnit: bu, owner: team, repository: acme/infra, source: { type: file, path: states/a.tfstate } }
                """);
        assertThat(ConfigLoader.load(without, Map.of()).github().webhookSecret())
                .isEmpty();
    }

    @Test
    void a_workspace_list_that_is_not_a_list_is_reported() {
        ConfigException e = failure(dir, "workspaces: { id: payments }\n");
        problem(e, "workspaces", 1, 13, "expected a list, got a mapping");
    }
}
