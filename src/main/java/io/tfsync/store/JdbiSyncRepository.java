package io.tfsync.store;

import io.tfsync.catalog.ApplyResult;
import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.events.CommittedEvents;
import io.tfsync.sources.StateVersion;
import io.tfsync.sync.DriftMark;
import io.tfsync.sync.EntitySource;
import io.tfsync.sync.LockLostException;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncRepository;
import io.tfsync.sync.SyncedState;
import io.tfsync.sync.Trigger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Workspaces, their locks and the sync history on SQLite or PostgreSQL. A lock is a pair of columns
 * on the workspace's row taken by a conditional UPDATE, which both databases make atomic: whoever's
 * UPDATE matched the free (or expired) row holds it. The one-queued-sync rule is a partial unique
 * index, so two instances queueing at once make one row.
 */
final class JdbiSyncRepository implements SyncRepository {

    static final String INSERT_TENANT =
            "INSERT INTO tenants (id, created_at) VALUES (:id, :now) ON CONFLICT (id) DO NOTHING";

    private static final String UPSERT_WORKSPACE = """
            INSERT INTO workspaces (id, tenant, business_unit, namespace, owner, source_json, created_at, updated_at)
            VALUES (:id, :tenant, :businessUnit, :namespace, :owner, :source, :now, :now)
            ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, business_unit = excluded.business_unit,
                namespace = excluded.namespace, owner = excluded.owner, source_json = excluded.source_json,
                updated_at = excluded.updated_at
            """;

    private static final String INSERT_QUEUED = """
            INSERT INTO sync_runs (id, workspace, tenant, trigger_kind, run_id, status, queued_at)
            VALUES (:id, :workspace, :tenant, :trigger, :runId, 'queued', :now)
            ON CONFLICT DO NOTHING
            """;

    private static final String SELECT_QUEUED =
            "SELECT " + SyncRows.COLUMNS + " FROM sync_runs WHERE workspace = :workspace AND status = 'queued'";

    /** The queued sync, if its retry delay (if any) has passed. */
    private static final String SELECT_DUE = SELECT_QUEUED + " AND (not_before IS NULL OR not_before <= :now)";

    /** A new trigger wants its sync now, also when it joins a retry that was waiting out its delay. */
    private static final String MAKE_DUE =
            "UPDATE sync_runs SET not_before = NULL WHERE workspace = :workspace AND status = 'queued'";

    private static final String NEWER_RUN =
            "UPDATE sync_runs SET run_id = :runId WHERE workspace = :workspace AND status = 'queued'";

    private static final String INSERT_RETRY = """
            INSERT INTO sync_runs (id, workspace, tenant, trigger_kind, run_id, status, queued_at, attempt, not_before)
            VALUES (:id, :workspace, :tenant, :trigger, :runId, 'queued', :now, :attempt, :notBefore)
            ON CONFLICT DO NOTHING
            """;

    /**
     * Workspaces with work for any instance: a queued sync that is due, or a sync still marked running
     * whose holder's lease ran out (it died; its work must be failed and queued again).
     */
    private static final String WITH_WORK = """
            SELECT r.workspace FROM sync_runs r JOIN workspaces w ON w.id = r.workspace
            WHERE (r.status = 'queued' AND (r.not_before IS NULL OR r.not_before <= :now))
               OR (r.status = 'running' AND (w.lock_holder IS NULL OR w.lock_until < :now))
            GROUP BY r.workspace
            ORDER BY MIN(r.queued_at)
            """;

    private static final String SELECT_RUNNING =
            "SELECT " + SyncRows.COLUMNS + " FROM sync_runs WHERE workspace = :workspace AND status = 'running'";

    private static final String TRY_LOCK = """
            UPDATE workspaces SET lock_holder = :holder, lock_until = :until
            WHERE id = :workspace AND (lock_holder IS NULL OR lock_holder = :holder OR lock_until < :now)
            """;

    private static final String RENEW_LOCK =
            "UPDATE workspaces SET lock_until = :until WHERE id = :workspace AND lock_holder = :holder";

    /** Also row-locks the workspace until the transaction ends, so no one can take it over mid-commit. */
    private static final String CHECK_LOCK =
            "UPDATE workspaces SET lock_holder = lock_holder WHERE id = :workspace AND lock_holder = :holder";

    private static final String UNLOCK = """
            UPDATE workspaces SET lock_holder = NULL, lock_until = NULL
            WHERE id = :workspace AND lock_holder = :holder
            """;

    private static final String FAIL_ABANDONED = """
            UPDATE sync_runs SET status = 'failed', finished_at = :now, error_kind = 'abandoned',
                error = 'the instance running this sync stopped before it finished; nothing it did was kept'
            WHERE workspace = :workspace AND status = 'running'
            """;

    private static final String START = """
            UPDATE sync_runs SET status = 'running', started_at = :now, instance = :holder
            WHERE id = :id AND status = 'queued'
            """;

    private static final String SUCCEED = """
            UPDATE sync_runs SET status = 'succeeded', finished_at = :now, added = :added, updated = :updated,
                deleted = :deleted, conflicts_json = :conflicts, run_id = COALESCE(run_id, :runId)
            WHERE id = :id
            """;

    private static final String FAIL = """
            UPDATE sync_runs SET status = 'failed', finished_at = :now, error = :error, error_kind = :kind
            WHERE id = :id AND status = 'running'
            """;

    private static final String RECORD_SEEN = """
            UPDATE workspaces SET synced_version_id = :versionId, synced_version_serial = :versionSerial,
                synced_serial = :serial,
                synced_lineage = :lineage, synced_fingerprint = :fingerprint
            WHERE id = :workspace
            """;

    private static final String SELECT_SEEN = """
            SELECT synced_version_id, synced_version_serial, synced_serial, synced_lineage, synced_fingerprint
            FROM workspaces WHERE id = :workspace AND synced_fingerprint IS NOT NULL
            """;

    private static final String SELECT_BY_ID = "SELECT " + SyncRows.COLUMNS + " FROM sync_runs WHERE id = :id";

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final CommittedEvents committed;

    JdbiSyncRepository(Database database, InstantSource clock, CommittedEvents committed) {
        this.committed = Objects.requireNonNull(committed, "committed");
        this.jdbi = database.jdbi();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void register(List<WorkspaceConfig> workspaces) {
        long now = clock.millis();
        jdbi.useTransaction(handle -> {
            for (WorkspaceConfig workspace : workspaces) {
                handle.createUpdate(INSERT_TENANT)
                        .bind("id", workspace.tenant())
                        .bind("now", now)
                        .execute();
                handle.createUpdate(UPSERT_WORKSPACE)
                        .bind("id", workspace.id())
                        .bind("tenant", workspace.tenant())
                        .bind("businessUnit", workspace.businessUnit())
                        .bind("namespace", workspace.namespace())
                        .bind("owner", workspace.owner().toString())
                        .bind("source", SyncRows.sourceJson(workspace.source()))
                        .bind("now", now)
                        .execute();
            }
        });
    }

    @Override
    public Enqueued enqueue(String workspace, String tenant, Trigger trigger, Optional<String> runId) {
        // The queued row can be claimed between the insert that lost and the select: then queue anew.
        while (true) {
            long now = clock.millis();
            String id = Uids.next(now);
            Optional<SyncRecord> queued =
                    jdbi.inTransaction(handle -> enqueue(handle, id, now, workspace, tenant, trigger, runId));
            if (queued.isPresent()) {
                return new Enqueued(queued.get(), !queued.get().syncId().equals(id));
            }
        }
    }

    /**
     * Queues a sync on {@code handle}, in the caller's transaction, unless one is queued already; returns
     * the queued one, or empty when it was claimed in between (then queue anew).
     */
    static Optional<SyncRecord> enqueue(
            Handle handle,
            String id,
            long now,
            String workspace,
            String tenant,
            Trigger trigger,
            Optional<String> runId) {
        handle.createUpdate(INSERT_QUEUED)
                .bind("id", id)
                .bind("workspace", workspace)
                .bind("tenant", tenant)
                .bind("trigger", trigger.id())
                .bind("runId", runId.orElse(null))
                .bind("now", now)
                .execute();
        handle.createUpdate(MAKE_DUE).bind("workspace", workspace).execute();
        // A trigger that joins a queued sync brings the newer run (or commit): the sync is of that one.
        runId.ifPresent(run -> handle.createUpdate(NEWER_RUN)
                .bind("workspace", workspace)
                .bind("runId", run)
                .execute());
        return handle.createQuery(SELECT_QUEUED)
                .bind("workspace", workspace)
                .map(SyncRows.RECORD)
                .findOne();
    }

    @Override
    public boolean tryLock(String workspace, String holder, Instant until) {
        return jdbi.withHandle(handle -> handle.createUpdate(TRY_LOCK)
                        .bind("holder", holder)
                        .bind("until", until.toEpochMilli())
                        .bind("workspace", workspace)
                        .bind("now", clock.millis())
                        .execute())
                == 1;
    }

    @Override
    public boolean renewLock(String workspace, String holder, Instant until) {
        return jdbi.withHandle(handle -> handle.createUpdate(RENEW_LOCK)
                        .bind("until", until.toEpochMilli())
                        .bind("workspace", workspace)
                        .bind("holder", holder)
                        .execute())
                == 1;
    }

    @Override
    public void unlock(String workspace, String holder) {
        jdbi.useHandle(handle -> handle.createUpdate(UNLOCK)
                .bind("workspace", workspace)
                .bind("holder", holder)
                .execute());
    }

    @Override
    public Optional<SyncRecord> claimNext(String workspace, String holder, int maxAttempts) {
        long now = clock.millis();
        return jdbi.inTransaction(handle -> {
            if (!holdsLock(handle, workspace, holder)) {
                return Optional.empty();
            }
            // A sync still marked running here belongs to a holder that died: it failed, and its work is
            // queued again (once) unless it has had all its attempts.
            List<SyncRecord> abandoned = handle.createQuery(SELECT_RUNNING)
                    .bind("workspace", workspace)
                    .map(SyncRows.RECORD)
                    .list();
            handle.createUpdate(FAIL_ABANDONED)
                    .bind("workspace", workspace)
                    .bind("now", now)
                    .execute();
            for (SyncRecord dead : abandoned) {
                if (dead.attempt() < maxAttempts) {
                    queueRetry(handle, dead, now, null);
                }
            }
            Optional<SyncRecord> queued = handle.createQuery(SELECT_DUE)
                    .bind("workspace", workspace)
                    .bind("now", now)
                    .map(SyncRows.RECORD)
                    .findOne();
            if (queued.isEmpty()) {
                return Optional.empty();
            }
            handle.createUpdate(START)
                    .bind("id", queued.get().syncId())
                    .bind("now", now)
                    .bind("holder", holder)
                    .execute();
            return Optional.of(byId(handle, queued.get().syncId()));
        });
    }

    /** Queues the next attempt of a failed sync, unless a sync of the workspace is queued already. */
    private static void queueRetry(Handle handle, SyncRecord failed, long now, Long notBefore) {
        handle.createUpdate(INSERT_RETRY)
                .bind("id", Uids.next(now))
                .bind("workspace", failed.workspace())
                .bind("tenant", failed.tenant())
                .bind("trigger", failed.trigger().id())
                .bind("runId", failed.runId().orElse(null))
                .bind("now", now)
                .bind("attempt", failed.attempt() + 1)
                .bind("notBefore", notBefore)
                .execute();
    }

    @Override
    public boolean hasQueued(String workspace) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_DUE)
                .bind("workspace", workspace)
                .bind("now", clock.millis())
                .map(SyncRows.RECORD)
                .findOne()
                .isPresent());
    }

    @Override
    public List<String> workspacesWithQueued() {
        return jdbi.withHandle(handle -> handle.createQuery(WITH_WORK)
                .bind("now", clock.millis())
                .mapTo(String.class)
                .list());
    }

    @Override
    public Optional<SyncedState> lastSynced(String workspace) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_SEEN)
                .bind("workspace", workspace)
                .map((rs, ctx) -> {
                    String versionId = rs.getString("synced_version_id");
                    long versionSerial = rs.getLong("synced_version_serial");
                    Optional<StateVersion> version = versionId == null || rs.wasNull()
                            ? Optional.empty()
                            : Optional.of(new StateVersion(versionId, versionSerial));
                    long serial = rs.getLong("synced_serial");
                    Optional<Long> knownSerial = rs.wasNull() ? Optional.empty() : Optional.of(serial);
                    return new SyncedState(
                            version,
                            knownSerial,
                            Optional.ofNullable(rs.getString("synced_lineage")),
                            rs.getString("synced_fingerprint"),
                            Optional.empty());
                })
                .findOne());
    }

    @Override
    public SyncRecord commit(SyncRecord running, String holder, SourceSnapshot snapshot, SyncedState seen) {
        record Committed(EntityWriter.Written written, SyncRecord record) {}
        Committed done = UniqueViolations.retrying(() -> jdbi.inTransaction(handle -> {
            EntityWriter.Written written = commit(handle, running, holder, snapshot, seen);
            return new Committed(written, byId(handle, running.syncId()));
        }));
        done.written().announce(committed);
        return done.record();
    }

    private EntityWriter.Written commit(
            Handle handle, SyncRecord running, String holder, SourceSnapshot snapshot, SyncedState seen) {
        if (!holdsLock(handle, running.workspace(), holder)) {
            throw new LockLostException(running.workspace(), holder);
        }
        long now = clock.millis();
        return EntityWriter.replace(handle, snapshot, now, (h, result) -> {
            succeed(h, running, now, result, seen.runId());
            h.createUpdate(RECORD_SEEN)
                    .bind("workspace", running.workspace())
                    .bind("versionId", seen.version().map(StateVersion::id).orElse(null))
                    .bind(
                            "versionSerial",
                            seen.version().map(StateVersion::serial).orElse(null))
                    .bind("serial", seen.serial().orElse(null))
                    .bind("lineage", seen.lineage().orElse(null))
                    .bind("fingerprint", seen.mapping())
                    .execute();
        });
    }

    private static void succeed(Handle h, SyncRecord running, long now, ApplyResult result, Optional<String> runId) {
        h.createUpdate(SUCCEED)
                .bind("id", running.syncId())
                .bind("now", now)
                .bind("added", result.added())
                .bind("updated", result.updated())
                .bind("deleted", result.removed())
                .bind("conflicts", SyncRows.conflictsJson(result.conflicts()))
                .bind("runId", runId.orElse(null))
                .execute();
    }

    @Override
    public SyncRecord finishUnchanged(SyncRecord running, String holder) {
        return jdbi.inTransaction(handle -> {
            if (!holdsLock(handle, running.workspace(), holder)) {
                throw new LockLostException(running.workspace(), holder);
            }
            handle.createUpdate(SUCCEED)
                    .bind("id", running.syncId())
                    .bind("now", clock.millis())
                    .bind("added", 0)
                    .bind("updated", 0)
                    .bind("deleted", 0)
                    .bind("conflicts", (String) null)
                    .bind("runId", (String) null)
                    .execute();
            return byId(handle, running.syncId());
        });
    }

    @Override
    public SyncRecord fail(SyncRecord running, String error, String errorKind, Optional<Instant> retryAt) {
        return jdbi.inTransaction(handle -> {
            long now = clock.millis();
            handle.createUpdate(FAIL)
                    .bind("id", running.syncId())
                    .bind("now", now)
                    .bind("error", error)
                    .bind("kind", errorKind)
                    .execute();
            retryAt.ifPresent(at -> queueRetry(handle, running, now, at.toEpochMilli()));
            return byId(handle, running.syncId());
        });
    }

    @Override
    public Optional<SyncRecord> byId(TenantScope scope, String syncId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_BY_ID)
                        .bind("id", syncId)
                        .map(SyncRows.RECORD)
                        .findOne())
                .filter(record -> scope.includes(record.tenant()));
    }

    @Override
    public List<SyncRecord> history(TenantScope scope, Optional<String> workspace, int limit) {
        SqlBuilder sql = new SqlBuilder();
        sql.append("SELECT " + SyncRows.COLUMNS + " FROM sync_runs WHERE "
                + EntityConditions.tenant(sql, "tenant", scope));
        workspace.ifPresent(w -> sql.append(" AND workspace = " + sql.bind(w)));
        sql.append(" ORDER BY queued_at DESC, id DESC LIMIT " + sql.bind(limit));
        return jdbi.withHandle(handle -> sql.query(handle).map(SyncRows.RECORD).list());
    }

    @Override
    public Optional<SyncRecord> lastSync(String workspace) {
        return history(TenantScope.ALL, Optional.of(workspace), 1).stream().findFirst();
    }

    @Override
    public void registerSources(List<EntitySource> sources) {
        jdbi.useTransaction(handle -> WorkspaceMarks.register(handle, sources, clock.millis()));
    }

    @Override
    public SourceCommitted commitSource(
            SyncRecord running,
            String holder,
            SourceSnapshot snapshot,
            Optional<String> version,
            Map<String, String> claims) {
        record Committed(EntityWriter.Written written, SyncRecord record, List<String> requeued) {}
        Committed done = UniqueViolations.retrying(() -> jdbi.inTransaction(handle -> {
            if (!holdsLock(handle, running.workspace(), holder)) {
                throw new LockLostException(running.workspace(), holder);
            }
            long now = clock.millis();
            List<String> requeued = new ArrayList<>();
            EntityWriter.Written written = EntityWriter.replace(handle, snapshot, now, (h, result) -> {
                succeed(h, running, now, result, version);
                requeued.addAll(WorkspaceMarks.replace(h, running.workspace(), claims, now));
            });
            return new Committed(written, byId(handle, running.syncId()), List.copyOf(requeued));
        }));
        done.written().announce(committed);
        return new SourceCommitted(done.record(), done.requeued());
    }

    @Override
    public Optional<DriftMark> driftOf(String workspace) {
        return jdbi.withHandle(handle -> WorkspaceMarks.driftOf(handle, workspace));
    }

    @Override
    public Optional<String> claimOf(String workspace) {
        return jdbi.withHandle(handle -> WorkspaceMarks.claimOf(handle, workspace));
    }

    private static boolean holdsLock(Handle handle, String workspace, String holder) {
        return handle.createUpdate(CHECK_LOCK)
                        .bind("workspace", workspace)
                        .bind("holder", holder)
                        .execute()
                == 1;
    }

    private static SyncRecord byId(Handle handle, String syncId) {
        return handle.createQuery(SELECT_BY_ID)
                .bind("id", syncId)
                .map(SyncRows.RECORD)
                .one();
    }
}
