package io.tfsync.sync;

import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.WorkspaceConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync engine's persistent state: workspaces and their locks, the sync history (whose queued rows
 * are the pending work) and the one transaction that commits a sync. Implemented in {@code store}.
 */
public interface SyncRepository {

    /** A trigger's outcome: the queued sync, and whether it joined one that was already waiting. */
    record Enqueued(SyncRecord sync, boolean coalesced) {}

    /** Writes the workspaces (and their tenants) as configured; rows of others stay as they were. */
    void register(List<WorkspaceConfig> workspaces);

    /**
     * Queues a sync of the workspace, unless one is already queued: then that one is returned, so
     * triggers that arrive while a sync runs make exactly one follow-up.
     */
    Enqueued enqueue(String workspace, String tenant, Trigger trigger, Optional<String> runId);

    /**
     * Takes the workspace's lock for {@code holder} until {@code until}, if it is free or its lease has
     * run out (its holder died). Returns whether {@code holder} now holds it.
     */
    boolean tryLock(String workspace, String holder, Instant until);

    /** Extends a lock {@code holder} holds; false when it no longer holds it. */
    boolean renewLock(String workspace, String holder, Instant until);

    /** Lets go of the lock, if {@code holder} holds it. */
    void unlock(String workspace, String holder);

    /**
     * Marks the oldest queued sync of the workspace whose retry delay has passed running, by {@code
     * holder} (who must hold the lock). Syncs still marked running by a holder that lost the lock are
     * marked failed first, and queued again unless they have had {@code maxAttempts}.
     */
    Optional<SyncRecord> claimNext(String workspace, String holder, int maxAttempts);

    /** Whether a sync of the workspace is queued and due. */
    boolean hasQueued(String workspace);

    /**
     * Workspaces with work for the poller: a queued sync that is due, or a sync left running by a
     * holder whose lease ran out (an instance that died), whose work must be queued again.
     */
    List<String> workspacesWithQueued();

    /** What the workspace's last successful sync saw, if any. */
    Optional<SyncedState> lastSynced(String workspace);

    /**
     * In one transaction: checks {@code holder} still holds the lock, applies the snapshot, marks the
     * sync succeeded with its counts and conflicts, and records what it saw. Nothing is written if
     * any step fails.
     *
     * @throws LockLostException when the lease ran out and another instance took the workspace
     */
    SyncRecord commit(SyncRecord running, String holder, SourceSnapshot snapshot, SyncedState seen);

    /** Marks the sync succeeded without writing an entity: the state was the one last synced. */
    SyncRecord finishUnchanged(SyncRecord running, String holder);

    /**
     * Marks the sync failed, in its own transaction, and when {@code retryAt} is given queues its next
     * attempt for then (unless a sync of the workspace is queued already, which does the work).
     */
    SyncRecord fail(SyncRecord running, String error, String errorKind, Optional<Instant> retryAt);

    Optional<SyncRecord> byId(TenantScope scope, String syncId);

    /** Newest first; only the workspace's when one is given. */
    List<SyncRecord> history(TenantScope scope, Optional<String> workspace, int limit);

    /** The newest finished-or-running sync of the workspace, if any. */
    Optional<SyncRecord> lastSync(String workspace);

    /** Writes a row for each source that is not a workspace, so its syncs queue and lock like a workspace's. */
    void registerSources(List<EntitySource> sources);

    /** A source's committed sync, and the workspaces whose claim it changed (their syncs are queued). */
    record SourceCommitted(SyncRecord sync, List<String> requeued) {}

    /**
     * As {@link #commit}, for a source that is not a workspace: also records the workspaces it claims
     * ({@code claims}: workspace id to entity ref), lets go of those it no longer claims, and queues a
     * {@code config_change} sync of each workspace whose claim changed, all in the one transaction.
     *
     * @throws ClaimConflictException when another source claims one of the workspaces; nothing is written
     */
    SourceCommitted commitSource(
            SyncRecord running,
            String holder,
            SourceSnapshot snapshot,
            Optional<String> version,
            Map<String, String> claims);

    /** The ref of the entity whose dependency the workspace's resources are, if a source claims it. */
    Optional<String> claimOf(String workspace);

    /** The drift last reported for the workspace and not yet cleared by an applied run. */
    Optional<DriftMark> driftOf(String workspace);
}
