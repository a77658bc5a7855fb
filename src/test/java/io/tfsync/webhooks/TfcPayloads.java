package io.tfsync.webhooks;

/**
 * Terraform Cloud notification payloads as its documentation shows them (field names, types, nulls),
 * for the receiver's tests and the crash test.
 */
final class TfcPayloads {

    private TfcPayloads() {}

    /** Version 1, as the documentation's example: one notification per delivery. */
    static String run(String workspace, String runId, String trigger, String status) {
        return """
                {
                  "payload_version": 1,
                  "notification_configuration_id": "nc-AeUQ2zfKZzW9TiGZ",
                  "run_url": "https://app.terraform.io/app/acme-org/%1$s/runs/%2$s",
                  "run_id": "%2$s",
                  "run_message": "Add five new queue workers",
                  "run_created_at": "2019-01-25T18:34:00.000Z",
                  "run_created_by": "sudo",
                  "workspace_id": "ws-XdeUVMWShTesDMME",
                  "workspace_name": "%1$s",
                  "organization_name": "acme-org",
                  "notifications": [
                    {
                      "message": "Run Applied",
                      "trigger": "%3$s",
                      "run_status": "%4$s",
                      "run_updated_at": "2019-01-25T18:37:04.000Z",
                      "run_updated_by": "sudo"
                    }
                  ]
                }
                """.formatted(workspace, runId, trigger, status);
    }

    static String verification() {
        return """
                {
                  "payload_version": 1,
                  "notification_configuration_id": "nc-jWvVsmp5VxsaCeXm",
                  "run_url": null,
                  "run_id": null,
                  "run_message": null,
                  "run_created_at": null,
                  "run_created_by": null,
                  "workspace_id": null,
                  "workspace_name": null,
                  "organization_name": null,
                  "notifications": [
                    {
                      "message": "Verification of test",
                      "trigger": "verification",
                      "run_status": null,
                      "run_updated_at": null,
                      "run_updated_by": null
                    }
                  ]
                }
                """;
    }

    static String drifted(String workspace) {
        return """
                {
                  "payload_version": "2",
                  "notification_configuration_url": "https://app.terraform.io/api/v2/notification-configurations/nc-SZ3V3cLFxK6sqLKn",
                  "run_url": null,
                  "run_id": null,
                  "run_message": null,
                  "run_created_at": null,
                  "run_created_by": null,
                  "workspace_id": "ws-XdeUVMWShTesDMME",
                  "workspace_name": "%s",
                  "organization_name": "acme-org",
                  "trigger_scope": "assessment",
                  "trigger": "assessment:drifted",
                  "message": "Drift Detected",
                  "details": {
                    "new_assessment_result": {
                      "id": "asmtres-vRVQxpqq64EA9V5a",
                      "url": "https://app.terraform.io/api/v2/assessment-results/asmtres-vRVQxpqq64EA9V5a",
                      "succeeded": true,
                      "drifted": true,
                      "all_checks_succeeded": true,
                      "resources_drifted": 4,
                      "resources_undrifted": 55,
                      "checks_failed": 0,
                      "checks_errored": 0,
                      "checks_passed": 33,
                      "checks_unknown": 0,
                      "created_at": "2022-06-09T05:23:10Z"
                    },
                    "prior_assessment_result": null
                  }
                }
                """.formatted(workspace);
    }
}
