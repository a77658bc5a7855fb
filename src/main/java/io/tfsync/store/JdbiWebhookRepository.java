package io.tfsync.store;

import io.tfsync.sync.SyncRecord;
import io.tfsync.webhooks.SecretBox;
import io.tfsync.webhooks.WebhookRepository;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Webhook tokens (sealed) and accepted deliveries on SQLite or PostgreSQL. */
final class JdbiWebhookRepository implements WebhookRepository {

    private static final String SELECT_TOKENS =
            "SELECT scope, nonce, sealed FROM webhook_tokens WHERE kind = :kind ORDER BY scope";

    private static final String UPSERT_TOKEN = """
            INSERT INTO webhook_tokens (kind, scope, nonce, sealed, created_at)
            VALUES (:kind, :scope, :nonce, :sealed, :now)
            ON CONFLICT (kind, scope) DO UPDATE SET nonce = excluded.nonce, sealed = excluded.sealed,
                created_at = excluded.created_at
            """;

    private static final String INSERT_DELIVERY = """
            INSERT INTO webhook_deliveries (dedup_key, kind, workspace, tenant, event, run_id, outcome, detail, received_at)
            VALUES (:key, :kind, :workspace, :tenant, :event, :runId, :outcome, :detail, :now)
            ON CONFLICT (dedup_key) DO NOTHING
            """;

    private static final String SELECT_DELIVERY_SYNC = "SELECT sync_id FROM webhook_deliveries WHERE dedup_key = :key";

    private static final String SET_DELIVERY_SYNC =
            "UPDATE webhook_deliveries SET sync_id = :syncId WHERE dedup_key = :key";

    /** The queued sync a delivery joined was claimed between the insert and the select. */
    private static final class ClaimedMeanwhile extends RuntimeException {
        ClaimedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private final Jdbi jdbi;
    private final InstantSource clock;

    JdbiWebhookRepository(Database database, InstantSource clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public List<StoredToken> tokens(String kind) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_TOKENS)
                .bind("kind", kind)
                .map((rs, ctx) -> new StoredToken(
                        rs.getString("scope"), new SecretBox.Sealed(rs.getString("nonce"), rs.getString("sealed"))))
                .list());
    }

    @Override
    public void storeToken(String kind, String scope, SecretBox.Sealed sealed) {
        jdbi.useHandle(handle -> handle.createUpdate(UPSERT_TOKEN)
                .bind("kind", kind)
                .bind("scope", scope)
                .bind("nonce", sealed.nonce())
                .bind("sealed", sealed.ciphertext())
                .bind("now", clock.millis())
                .execute());
    }

    @Override
    public void deleteToken(String kind, String scope) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM webhook_tokens WHERE kind = :kind AND scope = :scope")
                .bind("kind", kind)
                .bind("scope", scope)
                .execute());
    }

    @Override
    public Stored store(Delivery delivery, Optional<SyncRequest> sync) {
        return UniqueViolations.retrying(() -> {
            while (true) {
                long now = clock.millis();
                String syncId = Uids.next(now);
                Optional<Stored> stored;
                try {
                    stored = jdbi.inTransaction(handle -> {
                        int inserted = handle.createUpdate(INSERT_DELIVERY)
                                .bind("key", delivery.dedupKey())
                                .bind("kind", delivery.kind())
                                .bind("workspace", delivery.workspace())
                                .bind("tenant", delivery.tenant())
                                .bind("event", delivery.event())
                                .bind("runId", delivery.runId().orElse(null))
                                .bind("outcome", delivery.outcome())
                                .bind("detail", delivery.detail().orElse(null))
                                .bind("now", now)
                                .execute();
                        if (inserted == 0) {
                            return Optional.of(new Stored(
                                    true,
                                    handle.createQuery(SELECT_DELIVERY_SYNC)
                                            .bind("key", delivery.dedupKey())
                                            .mapTo(String.class)
                                            .findOne()));
                        }
                        if (sync.isEmpty()) {
                            return Optional.of(new Stored(false, Optional.empty()));
                        }
                        SyncRequest request = sync.get();
                        Optional<SyncRecord> queued = JdbiSyncRepository.enqueue(
                                handle,
                                syncId,
                                now,
                                request.workspace(),
                                request.tenant(),
                                request.trigger(),
                                request.runId());
                        if (queued.isEmpty()) {
                            throw new ClaimedMeanwhile(); // undoes the delivery row too; stored again below
                        }
                        if (request.drift().isPresent() || request.clearsDrift()) {
                            WorkspaceMarks.setDrift(handle, request.workspace(), request.drift());
                        }
                        handle.createUpdate(SET_DELIVERY_SYNC)
                                .bind("syncId", queued.get().syncId())
                                .bind("key", delivery.dedupKey())
                                .execute();
                        return Optional.of(
                                new Stored(false, Optional.of(queued.get().syncId())));
                    });
                } catch (ClaimedMeanwhile e) {
                    stored = Optional.empty();
                }
                if (stored.isPresent()) {
                    return stored.get();
                }
            }
        });
    }

    @Override
    public int forgetDeliveriesBefore(java.time.Instant before) {
        return jdbi.withHandle(
                handle -> handle.createUpdate("DELETE FROM webhook_deliveries WHERE received_at < :before")
                        .bind("before", before.toEpochMilli())
                        .execute());
    }
}
