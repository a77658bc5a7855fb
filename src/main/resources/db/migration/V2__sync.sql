-- The sync engine: each workspace's lock and what its last successful sync saw, and the sync history,
-- whose queued rows are also the pending work (one queued row per workspace at most, so triggers that
-- arrive while a sync runs coalesce into one follow-up).

-- lock_holder/lock_until: the instance running this workspace's sync and until when its lease holds
-- (epoch ms); a lease that ran out belongs to an instance that died and may be taken over.
-- synced_*: the source's state version (id and serial), the state's own serial and lineage and mapping fingerprint of the last successful sync, so a
-- sync of the same state under the same rules downloads and writes nothing.
ALTER TABLE workspaces ADD COLUMN lock_holder ${text};
ALTER TABLE workspaces ADD COLUMN lock_until BIGINT;
ALTER TABLE workspaces ADD COLUMN synced_version_id ${text};
ALTER TABLE workspaces ADD COLUMN synced_version_serial BIGINT;
ALTER TABLE workspaces ADD COLUMN synced_serial BIGINT;
ALTER TABLE workspaces ADD COLUMN synced_lineage ${text};
ALTER TABLE workspaces ADD COLUMN synced_fingerprint ${text};

CREATE TABLE sync_runs (
    id             ${text}  NOT NULL PRIMARY KEY,
    workspace      ${text}  NOT NULL REFERENCES workspaces (id),
    tenant         ${text}  NOT NULL,
    trigger_kind   ${text}  NOT NULL,
    run_id         ${text},
    status         ${text}  NOT NULL,
    queued_at      BIGINT   NOT NULL,
    started_at     BIGINT,
    finished_at    BIGINT,
    added          INTEGER  NOT NULL DEFAULT 0,
    updated        INTEGER  NOT NULL DEFAULT 0,
    deleted        INTEGER  NOT NULL DEFAULT 0,
    conflicts_json ${text},
    error          ${text},
    error_kind     ${text},
    instance       ${text}
);
-- Newest first per workspace and overall (ids are UUID v7, so they sort by time).
CREATE INDEX sync_runs_workspace_idx ON sync_runs (workspace, id);
CREATE INDEX sync_runs_tenant_idx ON sync_runs (tenant, id);
CREATE UNIQUE INDEX sync_runs_one_queued_idx ON sync_runs (workspace) WHERE status = 'queued';
