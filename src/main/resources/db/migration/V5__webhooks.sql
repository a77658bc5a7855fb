-- Webhook receivers: the tokens deliveries are signed with (sealed with AES-256-GCM under secrets.key,
-- never stored in the clear and never hashed-then-used-as-key) and the deliveries accepted, whose key makes
-- a repeated delivery a no-op. A delivery row and the sync it asks for commit in one transaction, before the
-- sender gets its 202.

-- kind: 'tfc' or 'github'; scope: what the token is for (a workspace id for 'tfc').
CREATE TABLE webhook_tokens (
    kind       ${text} NOT NULL,
    scope      ${text} NOT NULL,
    nonce      ${text} NOT NULL,
    sealed     ${text} NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (kind, scope)
);

-- dedup_key: Terraform Cloud: notification configuration + run id + trigger; GitHub: X-GitHub-Delivery.
-- outcome: what the delivery did ('sync_queued', 'recorded', 'ignored'); sync_id: the sync it queued or joined.
CREATE TABLE webhook_deliveries (
    dedup_key   ${text} NOT NULL PRIMARY KEY,
    kind        ${text} NOT NULL,
    workspace   ${text},
    tenant      ${text},
    event       ${text} NOT NULL,
    run_id      ${text},
    outcome     ${text} NOT NULL,
    sync_id     ${text},
    detail      ${text},
    received_at BIGINT  NOT NULL
);
CREATE INDEX webhook_deliveries_workspace_idx ON webhook_deliveries (workspace, received_at);
