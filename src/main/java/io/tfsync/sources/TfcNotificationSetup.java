package io.tfsync.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.config.Secret;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TerraformCloudConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Creates or updates a workspace's notification configuration in Terraform Cloud ({@code generic}
 * destination, named {@value #NAME}) so that it sends tfsync its runs and assessments, signed with
 * the given token. Terraform Cloud verifies the URL with a signed delivery before it saves the
 * configuration, so the token must already be stored where the receiver finds it.
 */
public final class TfcNotificationSetup {

    public static final String NAME = "tfsync";
    public static final List<String> TRIGGERS = List.of("run:completed", "run:errored", "assessment:drifted");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was done: the configuration's id and whether it was new. */
    public record Configured(String id, boolean created, String workspaceId) {}

    private final TfcClient client;

    public TfcNotificationSetup(TerraformCloudConfig config, SynchronizationConfig.Retry retry) {
        this.client = new TfcClient(
                config.baseUrl(), config.token().map(Secret::value).orElse(null), retry, TfcClient.Timing.DEFAULT);
    }

    public Configured configure(SourceConfig.Tfc workspace, URI url, String token)
            throws StateSourceException, InterruptedException {
        String what = "workspace " + workspace.organization() + "/" + workspace.workspace();
        String workspaceId = client.workspaceId(workspace, what);
        Optional<String> existing = existing(workspaceId, what);
        ObjectNode attributes = JSON.createObjectNode()
                .put("destination-type", "generic")
                .put("enabled", true)
                .put("name", NAME)
                .put("token", token)
                .put("url", url.toString());
        TRIGGERS.forEach(attributes.putArray("triggers")::add);
        ObjectNode document = JSON.createObjectNode();
        ObjectNode data = document.putObject("data").put("type", "notification-configurations");
        data.set("attributes", attributes);
        if (existing.isPresent()) {
            data.put("id", existing.get());
            JsonNode answer = client.write(
                    "PATCH",
                    "/notification-configurations/" + TfcClient.encode(existing.get()),
                    document,
                    "updating the notification configuration of " + what);
            return new Configured(answer.at("/data/id").asText(existing.get()), false, workspaceId);
        }
        JsonNode answer = client.write(
                "POST",
                "/workspaces/" + TfcClient.encode(workspaceId) + "/notification-configurations",
                document,
                "creating a notification configuration for " + what);
        return new Configured(answer.at("/data/id").asText(""), true, workspaceId);
    }

    /** The id of the workspace's configuration named {@value #NAME}, if it has one. */
    private Optional<String> existing(String workspaceId, String what)
            throws StateSourceException, InterruptedException {
        JsonNode list = client.get(
                        "/workspaces/" + TfcClient.encode(workspaceId) + "/notification-configurations",
                        "the notification configurations of " + what)
                .orElseThrow(() -> new StateSourceException(
                        "not_found", "Terraform Cloud lists no notification configurations for " + what));
        for (JsonNode item : list.path("data")) {
            if (NAME.equals(item.at("/attributes/name").asText())) {
                return Optional.of(item.path("id").asText());
            }
        }
        return Optional.empty();
    }
}
