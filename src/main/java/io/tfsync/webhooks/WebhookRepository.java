package io.tfsync.webhooks;

import io.tfsync.sync.DriftMark;
import io.tfsync.sync.Trigger;
import java.util.List;
import java.util.Optional;

/**
 * Stored webhook tokens and accepted deliveries, implemented in {@code store}. A delivery and the sync
 * it asks for are written in one transaction, and a delivery whose key is already stored changes
 * nothing: whatever crashes, a delivery answered 2xx is either fully recorded with its queued work, or
 * (answered nothing) absent, so the sender retries.
 */
public interface WebhookRepository {

    /** A sealed token and what it is for (a workspace id, for Terraform Cloud). */
    record StoredToken(String scope, SecretBox.Sealed sealed) {}

    /** A delivery as accepted: its de-duplication key, what it was and what it did. */
    record Delivery(
            String dedupKey,
            String kind,
            String workspace,
            String tenant,
            String event,
            Optional<String> runId,
            String outcome,
            Optional<String> detail) {}

    /**
     * A sync to queue with the delivery; {@code drift} is recorded on the workspace with it, and {@code
     * clearsDrift} (an applied run) removes what was recorded.
     */
    record SyncRequest(
            String workspace,
            String tenant,
            Trigger trigger,
            Optional<String> runId,
            Optional<DriftMark> drift,
            boolean clearsDrift) {
        public SyncRequest(String workspace, String tenant, Trigger trigger, Optional<String> runId) {
            this(workspace, tenant, trigger, runId, Optional.empty(), false);
        }
    }

    /** What storing did: whether the delivery was already stored, and the sync it queued or joined. */
    record Stored(boolean duplicate, Optional<String> syncId) {}

    List<StoredToken> tokens(String kind);

    /** Stores a token for the scope, replacing the one it had. */
    void storeToken(String kind, String scope, SecretBox.Sealed sealed);

    /** Forgets the scope's token. */
    void deleteToken(String kind, String scope);

    /** Stores the delivery and queues the sync, in one transaction; a known key writes nothing. */
    Stored store(Delivery delivery, Optional<SyncRequest> sync);

    /**
     * Forgets deliveries received before {@code before}; returns how many. A delivery sent again after
     * that is new work again, so keep them longer than senders retry (GitHub redelivers for 3 days).
     */
    int forgetDeliveriesBefore(java.time.Instant before);
}
