package io.tfsync.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sync.DriftMark;
import io.tfsync.sync.Trigger;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Terraform Cloud notifications: checks the signature against every stored token (each
 * workspace has its own) before reading a byte of JSON, then acts on each notification. An applied run
 * queues a sync of its workspace (once per run, however often Terraform Cloud retries the delivery); an
 * errored run and a drifted assessment are recorded and counted; anything else is acknowledged.
 */
public final class TfcWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(TfcWebhooks.class);
    static final String KIND = "tfc";

    /** What a delivery did. */
    public sealed interface Outcome {}

    /** The verification delivery: answer 200. */
    public record Verified(String workspace) implements Outcome {}

    /** Every notification of the delivery, with what it did: answer 202. */
    public record Accepted(String workspace, List<Result> results) implements Outcome {}

    /** One notification's effect: {@code sync_queued}, {@code recorded} or {@code ignored}. */
    public record Result(String trigger, String outcome, Optional<String> syncId, boolean duplicate) {}

    private final WebhookRepository repository;
    private final Optional<SecretBox> box;
    private final Function<String, Optional<WorkspaceConfig>> workspaces;
    private final Consumer<String> startSync;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    /**
     * @param workspaces the configured workspace of an id
     * @param startSync told the workspace id after a sync was queued and committed, to start it here
     */
    public TfcWebhooks(
            WebhookRepository repository,
            Optional<SecretBox> box,
            Function<String, Optional<WorkspaceConfig>> workspaces,
            Consumer<String> startSync,
            ObjectMapper json,
            MeterRegistry meters) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.box = Objects.requireNonNull(box, "box");
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.startSync = Objects.requireNonNull(startSync, "startSync");
        this.json = Objects.requireNonNull(json, "json");
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /**
     * Handles one delivery: {@code body} as received, {@code signature} the {@code
     * X-TFE-Notification-Signature} header.
     *
     * @throws WebhookRejectedException 401 or 403, with nothing stored
     * @throws TfcNotification.InvalidPayloadException a verified body that is not a notification
     */
    public Outcome receive(byte[] body, String signature) {
        WorkspaceConfig workspace = signer(body, signature);
        TfcNotification notification;
        try {
            notification = TfcNotification.parse(json.readTree(body));
        } catch (IOException e) {
            throw new TfcNotification.InvalidPayloadException("the body is not JSON");
        }
        checkWorkspace(workspace, notification);
        if (notification.isVerification()) {
            LOG.info(
                    "Terraform Cloud verified the notification configuration {} of workspace {}",
                    notification.notificationConfigurationId().orElse("(unnamed)"),
                    workspace.id());
            count("verification", "verified");
            return new Verified(workspace.id());
        }
        List<Result> results = new ArrayList<>();
        for (TfcNotification.Item item : notification.items()) {
            results.add(act(workspace, notification, item, body));
        }
        return new Accepted(workspace.id(), results);
    }

    /** The workspace whose token signed the body; the comparison is constant-time for each token. */
    private WorkspaceConfig signer(byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            throw rejected("the delivery has no X-TFE-Notification-Signature header");
        }
        if (box.isEmpty()) {
            throw rejected("no webhook tokens can be checked: secrets.key is not configured");
        }
        List<WebhookRepository.StoredToken> tokens = repository.tokens(KIND);
        if (tokens.isEmpty()) {
            throw rejected("no Terraform Cloud webhook token is stored; run tfsync setup tfc-webhook WORKSPACE");
        }
        String matched = null;
        for (WebhookRepository.StoredToken token : tokens) {
            // Every token is tried, match or not, so the time taken says nothing about which one matched.
            boolean match = box.get()
                    .tryOpen(token.scope(), token.sealed())
                    .map(secret -> Signatures.matches(Signatures.TFC, secret, body, signature))
                    .orElse(false);
            if (match && matched == null) {
                matched = token.scope();
            }
        }
        if (matched == null) {
            throw rejected("the X-TFE-Notification-Signature does not match the body under any stored token");
        }
        String id = matched;
        return workspaces
                .apply(id)
                .orElseThrow(() -> new WebhookRejectedException(
                        403, "the delivery is signed with the token of workspace " + id + ", which is not configured"));
    }

    private WebhookRejectedException rejected(String why) {
        count("unknown", "rejected");
        return new WebhookRejectedException(401, why);
    }

    /** A token opens only its own workspace: a notification about another is refused. */
    private static void checkWorkspace(WorkspaceConfig workspace, TfcNotification notification) {
        if (!(workspace.source() instanceof SourceConfig.Tfc tfc)) {
            throw new WebhookRejectedException(
                    403, "workspace " + workspace.id() + " does not read its state from Terraform Cloud");
        }
        boolean named = notification
                        .workspaceName()
                        .map(tfc.workspace()::equals)
                        .orElse(false)
                || notification.workspaceId().map(tfc.workspace()::equals).orElse(false);
        boolean anonymous = notification.workspaceName().isEmpty()
                && notification.workspaceId().isEmpty();
        if (!named && !anonymous) {
            throw new WebhookRejectedException(
                    403,
                    "the notification is about Terraform Cloud workspace "
                            + notification
                                    .workspaceName()
                                    .or(notification::workspaceId)
                                    .orElse("?")
                            + " but is signed with the token of workspace " + workspace.id() + " ("
                            + tfc.workspace() + ")");
        }
    }

    private Result act(
            WorkspaceConfig workspace, TfcNotification notification, TfcNotification.Item item, byte[] body) {
        String trigger = item.trigger();
        String key = KIND + ":" + notification.notificationConfigurationId().orElse("-") + ":"
                + notification
                        .runId()
                        .or(() -> notification.drift().flatMap(TfcNotification.Drift::assessmentId))
                        .orElseGet(() -> digest(body))
                + ":" + trigger;
        String status = item.runStatus().orElse("");
        if (trigger.equals(TfcNotification.RUN_COMPLETED) && status.equals("applied")) {
            if (notification.runId().isEmpty()) {
                throw new TfcNotification.InvalidPayloadException(
                        "run_id is missing from a run:completed notification");
            }
            WebhookRepository.Stored stored = repository.store(
                    delivery(key, workspace, trigger, notification, "sync_queued", Optional.empty()),
                    // An apply brings the infrastructure back to its configuration: the drift reported before is
                    // cleared.
                    Optional.of(new WebhookRepository.SyncRequest(
                            workspace.id(),
                            workspace.tenant(),
                            Trigger.WEBHOOK,
                            notification.runId(),
                            Optional.empty(),
                            true)));
            if (!stored.duplicate()) {
                LOG.info(
                        "Terraform Cloud run {} applied in workspace {}: queued sync {}",
                        notification.runId().get(),
                        workspace.id(),
                        stored.syncId().orElse("?"));
                startSync.accept(workspace.id());
            }
            count(trigger, stored.duplicate() ? "duplicate" : "sync_queued");
            return new Result(trigger, "sync_queued", stored.syncId(), stored.duplicate());
        }
        if (trigger.equals(TfcNotification.ASSESSMENT_DRIFTED)
                && notification.drift().isPresent()) {
            return drifted(workspace, notification, notification.drift().get(), key);
        }
        if (trigger.equals(TfcNotification.RUN_ERRORED) || trigger.equals(TfcNotification.ASSESSMENT_DRIFTED)) {
            Optional<String> detail = trigger.equals(TfcNotification.ASSESSMENT_DRIFTED)
                    ? notification
                            .drift()
                            .map(d -> d.resourcesDrifted() + " resources drifted, " + d.resourcesUndrifted() + " not")
                    : Optional.of("run status " + (status.isEmpty() ? "unknown" : status));
            WebhookRepository.Stored stored = repository.store(
                    delivery(key, workspace, trigger, notification, "recorded", detail), Optional.empty());
            if (!stored.duplicate()) {
                LOG.warn(
                        "Terraform Cloud reports {} for workspace {}{}: {}",
                        trigger,
                        workspace.id(),
                        notification.runId().map(r -> " (run " + r + ")").orElse(""),
                        detail.orElse(item.message()));
            }
            count(trigger, stored.duplicate() ? "duplicate" : "recorded");
            return new Result(trigger, "recorded", Optional.empty(), stored.duplicate());
        }
        WebhookRepository.Stored stored = repository.store(
                delivery(key, workspace, trigger, notification, "ignored", Optional.of(status)), Optional.empty());
        count(trigger, stored.duplicate() ? "duplicate" : "ignored");
        return new Result(trigger, "ignored", Optional.empty(), stored.duplicate());
    }

    /**
     * A drifted assessment: the drift is recorded on the workspace and a drift check queued in the same
     * transaction as the delivery. The check is a sync (trigger {@code drift_reconciliation}): it compares
     * the state with the catalog entity by entity, puts back what differs and marks every entity with the
     * drift ({@code tfsync.io/drift}) until an applied run clears it.
     */
    private Result drifted(
            WorkspaceConfig workspace, TfcNotification notification, TfcNotification.Drift drift, String key) {
        String trigger = TfcNotification.ASSESSMENT_DRIFTED;
        DriftMark mark = new DriftMark(
                drift.resourcesDrifted(),
                drift.resourcesUndrifted(),
                drift.assessmentId(),
                drift.createdAt().orElseGet(java.time.Instant::now));
        WebhookRepository.Stored stored = repository.store(
                delivery(key, workspace, trigger, notification, "sync_queued", Optional.of(mark.annotation())),
                Optional.of(new WebhookRepository.SyncRequest(
                        workspace.id(),
                        workspace.tenant(),
                        Trigger.DRIFT_RECONCILIATION,
                        Optional.empty(),
                        Optional.of(mark),
                        false)));
        if (!stored.duplicate()) {
            LOG.warn(
                    "Terraform Cloud reports drift in workspace {}: {}{}; queued drift check {}",
                    workspace.id(),
                    mark.annotation(),
                    drift.assessmentId().map(id -> " (assessment " + id + ")").orElse(""),
                    stored.syncId().orElse("?"));
            startSync.accept(workspace.id());
        }
        count(trigger, stored.duplicate() ? "duplicate" : "sync_queued");
        return new Result(trigger, "sync_queued", stored.syncId(), stored.duplicate());
    }

    private static WebhookRepository.Delivery delivery(
            String key,
            WorkspaceConfig workspace,
            String trigger,
            TfcNotification notification,
            String outcome,
            Optional<String> detail) {
        return new WebhookRepository.Delivery(
                key, KIND, workspace.id(), workspace.tenant(), trigger, notification.runId(), outcome, detail);
    }

    /** A stand-in key for a notification that names no run or assessment: the same body is the same delivery. */
    private static String digest(byte[] body) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(body))
                    .substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.Set<String> KNOWN_TRIGGERS = java.util.Set.of(
            "verification",
            "run:created",
            "run:planning",
            "run:needs_attention",
            "run:applying",
            "run:completed",
            "run:errored",
            "assessment:check_failure",
            "assessment:drifted",
            "assessment:failed",
            "workspace:auto_destroy_reminder",
            "workspace:auto_destroy_run_results");

    private void count(String trigger, String outcome) {
        WebhookMetrics.count(meters, KIND, KNOWN_TRIGGERS, trigger, outcome);
    }
}
