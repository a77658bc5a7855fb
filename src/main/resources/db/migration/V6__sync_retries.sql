-- Retries: a sync that fails for a reason that may pass (the source unreachable, an instance that died
-- in the middle) is queued again, attempt + 1, not before not_before (epoch ms; null: at once), until
-- synchronization.retry.max_attempts; the failed rows stay in the history.
ALTER TABLE sync_runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sync_runs ADD COLUMN not_before BIGINT;
