package io.tfsync.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.config.Secret;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.TerraformCloudConfig;
import io.tfsync.config.WorkspaceConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State from Terraform Cloud or Enterprise: resolves the workspace (by name within its organization,
 * or by a {@code ws-} id), reads its current state version, waits while Terraform Cloud is still
 * processing it ({@code resources-processed: false}), and downloads it only when it is not the
 * version the last sync saw.
 */
public final class TfcStateSource implements StateSource {

    private static final Logger log = LoggerFactory.getLogger(TfcStateSource.class);

    /** How long to wait for a state version Terraform Cloud is still processing, and how often to look. */
    public record Readiness(Duration timeout, Duration poll) {
        public static final Readiness DEFAULT = new Readiness(Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    private final TfcClient client;
    private final Readiness readiness;
    private final Map<String, String> workspaceIds = new ConcurrentHashMap<>();

    public TfcStateSource(TerraformCloudConfig config, SynchronizationConfig.Retry retry) {
        this(config, retry, Readiness.DEFAULT, TfcClient.Timing.DEFAULT);
    }

    TfcStateSource(
            TerraformCloudConfig config,
            SynchronizationConfig.Retry retry,
            Readiness readiness,
            TfcClient.Timing timing) {
        this.client = new TfcClient(
                config.baseUrl(), config.token().map(Secret::value).orElse(null), retry, timing);
        this.readiness = readiness;
    }

    @Override
    public FetchedState fetch(WorkspaceConfig workspace, Optional<StateVersion> lastSynced)
            throws StateSourceException, InterruptedException {
        if (!(workspace.source() instanceof SourceConfig.Tfc tfc)) {
            throw new IllegalArgumentException("workspace " + workspace.id() + " does not read Terraform Cloud");
        }
        String what = "workspace " + workspace.id() + " (" + tfc.describe() + ")";
        String workspaceId = workspaceId(tfc, what);
        JsonNode version = currentVersion(workspaceId, what);
        String versionId = version.path("id").asText();
        JsonNode attributes = version.path("attributes");
        StateVersion current =
                new StateVersion(versionId, attributes.path("serial").asLong());
        Optional<String> runId = Optional.of(version.at("/relationships/run/data/id"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        if (lastSynced.equals(Optional.of(current))) {
            return new FetchedState.Unchanged(current);
        }
        String url = attributes.path("hosted-state-download-url").asText("");
        if (url.isEmpty()) {
            throw new StateSourceException(
                    "not_found", "the current state version of " + what + " has no state to download");
        }
        log.info(
                "downloading the state of {}: state version {}, serial {}{}",
                what,
                current.id(),
                current.serial(),
                runId.map(r -> ", written by run " + r).orElse(""));
        return new FetchedState.Download(
                Optional.of(current), runId, tfc.describe(), client.download(url, "the state of " + what));
    }

    private String workspaceId(SourceConfig.Tfc tfc, String what) throws StateSourceException, InterruptedException {
        if (tfc.workspace().startsWith("ws-")) {
            return tfc.workspace();
        }
        String key = tfc.organization() + "/" + tfc.workspace();
        String known = workspaceIds.get(key);
        if (known != null) {
            return known;
        }
        String id = client.workspaceId(tfc, what);
        workspaceIds.put(key, id);
        return id;
    }

    private JsonNode currentVersion(String workspaceId, String what) throws StateSourceException, InterruptedException {
        long deadline = System.nanoTime() + readiness.timeout().toNanos();
        while (true) {
            JsonNode version = client.get("/workspaces/" + encode(workspaceId) + "/current-state-version", what)
                    .orElseThrow(() -> new StateSourceException(
                            "not_found", what + " has no state yet, or the configured token may not read its state"))
                    .path("data");
            if (version.path("attributes").path("resources-processed").asBoolean(true)) {
                return version;
            }
            if (System.nanoTime() > deadline) {
                throw new StateSourceException(
                        "not_ready",
                        "Terraform Cloud was still processing the current state of " + what + " after "
                                + readiness.timeout().toSeconds() + " s; the next sync will try again");
            }
            Thread.sleep(readiness.poll().toMillis());
        }
    }

    private static String encode(String segment) {
        return TfcClient.encode(segment);
    }
}
