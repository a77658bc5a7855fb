package io.tfsync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Terraform Cloud / Enterprise generic notification, as its documentation shows it. Payload version
 * 1 (run events) carries a {@code notifications} array, each item with {@code trigger} and {@code
 * run_status}; version 2 (workspace and health-assessment events) carries one {@code trigger} at the
 * top with {@code details}. The {@code verification} delivery sent when a configuration is saved is
 * version 1 with trigger {@code verification} and no run.
 */
public record TfcNotification(
        int payloadVersion,
        Optional<String> notificationConfigurationId,
        Optional<String> runId,
        Optional<String> workspaceId,
        Optional<String> workspaceName,
        Optional<String> organizationName,
        List<Item> items,
        Optional<Drift> drift) {

    public static final String VERIFICATION = "verification";
    public static final String RUN_COMPLETED = "run:completed";
    public static final String RUN_ERRORED = "run:errored";
    public static final String ASSESSMENT_DRIFTED = "assessment:drifted";

    /** One notification: what triggered it, the run's status then (run events) and the message. */
    public record Item(String trigger, Optional<String> runStatus, String message) {}

    /** A health assessment's drift summary ({@code details.new_assessment_result}). */
    public record Drift(
            Optional<String> assessmentId,
            long resourcesDrifted,
            long resourcesUndrifted,
            Optional<java.time.Instant> createdAt) {}

    public TfcNotification {
        items = List.copyOf(items);
        Objects.requireNonNull(drift, "drift");
    }

    public boolean isVerification() {
        return items.stream().anyMatch(i -> i.trigger().equals(VERIFICATION));
    }

    /**
     * Reads a payload.
     *
     * @throws InvalidPayloadException naming the field that is missing or of the wrong type
     */
    public static TfcNotification parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidPayloadException("the body is not a JSON object");
        }
        JsonNode version = root.get("payload_version");
        if (version == null
                || !(version.isInt() || version.isTextual() && version.asText().matches("\\d+"))) {
            throw new InvalidPayloadException("payload_version is missing or not a number");
        }
        int payloadVersion = version.asInt();
        List<Item> items = new ArrayList<>();
        Optional<Drift> drift = Optional.empty();
        if (payloadVersion == 1) {
            JsonNode notifications = root.get("notifications");
            if (notifications == null || !notifications.isArray() || notifications.isEmpty()) {
                throw new InvalidPayloadException("notifications is missing or not a non-empty array");
            }
            for (int i = 0; i < notifications.size(); i++) {
                JsonNode item = notifications.get(i);
                items.add(new Item(
                        required(item, "trigger", "notifications[" + i + "].trigger"),
                        text(item, "run_status"),
                        text(item, "message").orElse("")));
            }
        } else if (payloadVersion == 2) {
            items.add(new Item(
                    required(root, "trigger", "trigger"),
                    Optional.empty(),
                    text(root, "message").orElse("")));
            JsonNode result = root.path("details").path("new_assessment_result");
            if (result.isObject()) {
                drift = Optional.of(new Drift(
                        text(result, "id"),
                        result.path("resources_drifted").asLong(0),
                        result.path("resources_undrifted").asLong(0),
                        text(result, "created_at").flatMap(TfcNotification::instant)));
            }
        } else {
            throw new InvalidPayloadException(
                    "payload_version " + payloadVersion + " is not one tfsync reads (1 or 2)");
        }
        JsonNode details = root.path("details");
        return new TfcNotification(
                payloadVersion,
                text(root, "notification_configuration_id")
                        .or(() -> text(root, "notification_configuration_url")
                                .map(url -> url.substring(url.lastIndexOf('/') + 1))),
                text(root, "run_id"),
                text(root, "workspace_id").or(() -> text(details, "workspace_id")),
                text(root, "workspace_name").or(() -> text(details, "workspace_name")),
                text(root, "organization_name").or(() -> text(details, "organization_name")),
                items,
                drift);
    }

    private static String required(JsonNode node, String field, String where) {
        return text(node, field).orElseThrow(() -> new InvalidPayloadException(where + " is missing or not a string"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    /** A payload that is not what Terraform Cloud sends; the message names the field. */
    public static final class InvalidPayloadException extends RuntimeException {
        public InvalidPayloadException(String message) {
            super(message);
        }
    }

    private static Optional<java.time.Instant> instant(String text) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
