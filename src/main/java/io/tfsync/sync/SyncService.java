package io.tfsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.tfsync.catalog.InvalidEntityException;
import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.SynchronizationConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.StateSource;
import io.tfsync.terraform.MappingRules;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns triggers into syncs. A trigger queues a sync (or joins the one already queued) and this
 * instance then tries to take the workspace's lock and drain its queue: claim the queued sync, run
 * it, look again, let go. Only the lock holder runs a workspace's syncs, on any instance; a trigger
 * that lands while a sync runs leaves one queued sync behind it, which the holder runs next. A
 * poller picks up queued syncs no live instance is draining (left by a restart or a dead instance,
 * whose lease has run out); a heartbeat keeps the leases of the locks this instance holds.
 */
public final class SyncService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    /**
     * @param instanceId this instance's name in locks and the history; unique per process
     * @param lease how long a lock holds without a heartbeat; an instance that died frees its
     *     workspaces after this long
     * @param pollInterval how often to look for queued syncs nobody is draining (zero: never, for
     *     the one-shot CLI)
     * @param scheduled the {@code synchronization.scheduled} settings, for each workspace's schedule
     */
    public record Settings(
            String instanceId,
            Duration lease,
            Duration pollInterval,
            SynchronizationConfig.Scheduled scheduled,
            SynchronizationConfig.Retry retry) {
        public Settings {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(scheduled, "scheduled");
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("the lock lease must be positive");
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(retry, "retry");
        }

        /** With the design's retry policy (three attempts, exponential from two seconds). */
        public Settings(
                String instanceId, Duration lease, Duration pollInterval, SynchronizationConfig.Scheduled scheduled) {
            this(
                    instanceId,
                    lease,
                    pollInterval,
                    scheduled,
                    SynchronizationConfig.defaults().retry());
        }
    }

    /**
     * Failures that may pass by themselves, so the sync is tried again: the source unreachable or
     * answering oddly, a read cut short, the instance stopped or killed, an internal error. A state that
     * does not parse, a workspace that does not exist or a token that is refused will not get better.
     */
    private static final Set<String> RETRYABLE =
            Set.of("io", "unexpected", "not_ready", "internal", "stopped", "lock_lost", "abandoned");

    private final SyncRepository repository;
    private final Map<String, WorkspaceConfig> workspaces = new LinkedHashMap<>();
    private final Map<String, EntitySource> sources = new LinkedHashMap<>();
    private final SyncRun runner;
    private final SyncMetrics metrics;
    private final InstantSource clock;
    private final Settings settings;
    private final ExecutorService drains = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tfsync-sync-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> draining = ConcurrentHashMap.newKeySet();
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public SyncService(
            SyncRepository repository,
            List<WorkspaceConfig> workspaces,
            StateSource source,
            JsonNode mapping,
            MeterRegistry meters,
            InstantSource clock,
            Settings settings) {
        this(repository, workspaces, List.of(), source, mapping, meters, clock, settings);
    }

    /** @param sources the sources besides workspaces (GitHub repositories), synced the same way */
    public SyncService(
            SyncRepository repository,
            List<WorkspaceConfig> workspaces,
            List<EntitySource> sources,
            StateSource source,
            JsonNode mapping,
            MeterRegistry meters,
            InstantSource clock,
            Settings settings) {
        this.repository = Objects.requireNonNull(repository, "repository");
        workspaces.forEach(w -> this.workspaces.put(w.id(), w));
        sources.forEach(s -> this.sources.put(s.id(), s));
        JsonNode rules = mapping == null || mapping.isMissingNode() || mapping.isNull()
                ? JsonNodeFactory.instance.objectNode()
                : mapping;
        this.runner = new SyncRun(repository, source, MappingRules.from(rules), rules, settings.instanceId());
        this.metrics = new SyncMetrics(meters);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = settings;
        repository.register(workspaces);
        if (!sources.isEmpty()) {
            repository.registerSources(sources);
        }
        long beat = Math.max(1, settings.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewLeases, beat, beat, TimeUnit.MILLISECONDS);
        if (!settings.pollInterval().isZero()) {
            long poll = settings.pollInterval().toMillis();
            timer.scheduleWithFixedDelay(this::pollQueued, 0, poll, TimeUnit.MILLISECONDS);
        }
    }

    /** The configured workspaces, in configuration order. */
    public Collection<WorkspaceConfig> workspaces() {
        return workspaces.values();
    }

    /** The cron schedule the workspace syncs on, if scheduled syncs are enabled. */
    public Optional<String> scheduleOf(WorkspaceConfig workspace) {
        return workspace.effectiveSchedule(settings.scheduled());
    }

    public Optional<WorkspaceConfig> workspace(String id) {
        return Optional.ofNullable(workspaces.get(id));
    }

    public SyncRepository history() {
        return repository;
    }

    /**
     * Queues a sync of the workspace and starts draining it here; returns the queued sync (the one
     * already waiting, if the trigger joined it).
     *
     * @throws UnknownWorkspaceException when no workspace has that id
     */
    public SyncRecord trigger(String workspaceId, Trigger trigger, Optional<String> runId) {
        String tenant = Optional.ofNullable(sources.get(workspaceId))
                .map(EntitySource::tenant)
                .orElseGet(() -> known(workspaceId).tenant());
        SyncRepository.Enqueued enqueued = repository.enqueue(workspaceId, tenant, trigger, runId);
        if (enqueued.coalesced()) {
            log.info(
                    "{} trigger for workspace {} joined sync {}, which is queued",
                    trigger,
                    workspaceId,
                    enqueued.sync().syncId());
        } else {
            log.info(
                    "{} trigger queued sync {} of workspace {}",
                    trigger,
                    enqueued.sync().syncId(),
                    workspaceId);
        }
        try {
            drains.execute(() -> drain(workspaceId));
        } catch (RejectedExecutionException e) {
            // Shutting down: the queued row stays, and whichever instance polls next runs it.
            log.info(
                    "sync {} of workspace {} stays queued: this instance is stopping",
                    enqueued.sync().syncId(),
                    workspaceId);
        }
        return enqueued.sync();
    }

    /** The sources besides workspaces (GitHub repositories), in configuration order. */
    public Collection<EntitySource> sources() {
        return sources.values();
    }

    /** The sources besides workspaces, by id. */
    public Optional<EntitySource> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /**
     * Starts draining the workspace's queued syncs here, for work queued by someone else in a
     * transaction of their own (a webhook delivery stored with its sync). Unknown ids are ignored.
     */
    public void startQueued(String workspaceId) {
        if (!isTarget(workspaceId)) {
            return;
        }
        try {
            drains.execute(() -> drain(workspaceId));
        } catch (RejectedExecutionException e) {
            log.info("the queued sync of workspace {} stays queued: this instance is stopping", workspaceId);
        }
    }

    /**
     * Queues a sync and runs it in the calling thread, or waits for the instance that holds the
     * workspace to run it; returns it finished, or as it stands after {@code wait}.
     */
    public SyncRecord runNow(String workspaceId, Trigger trigger, Duration wait) throws InterruptedException {
        WorkspaceConfig workspace = known(workspaceId);
        SyncRecord queued = repository
                .enqueue(workspace.id(), workspace.tenant(), trigger, Optional.empty())
                .sync();
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            drain(workspace.id());
            SyncRecord now = repository.byId(TenantScope.ALL, queued.syncId()).orElseThrow();
            if (now.status().finished() || Instant.now().isAfter(deadline)) {
                return now;
            }
            Thread.sleep(200);
        }
    }

    private boolean isTarget(String id) {
        return workspaces.containsKey(id) || sources.containsKey(id);
    }

    private WorkspaceConfig known(String workspaceId) {
        WorkspaceConfig workspace = workspaces.get(workspaceId);
        if (workspace == null) {
            throw new UnknownWorkspaceException(workspaceId);
        }
        return workspace;
    }

    /** Runs the workspace's queued syncs here if no instance is running them. */
    void drain(String workspace) {
        if (!draining.add(workspace)) {
            return; // this instance is draining it already, and looks for new work before it stops
        }
        boolean ran;
        try {
            ran = drainLocked(workspace);
        } finally {
            draining.remove(workspace);
        }
        // A trigger may have queued work after our last look and found the lock still ours.
        if (ran && repository.hasQueued(workspace)) {
            drain(workspace);
        }
    }

    private boolean drainLocked(String workspace) {
        if (!repository.tryLock(workspace, settings.instanceId(), leaseEnd())) {
            return false;
        }
        held.add(workspace);
        try {
            Optional<SyncRecord> next;
            while ((next = repository.claimNext(
                            workspace, settings.instanceId(), settings.retry().maxAttempts()))
                    .isPresent()) {
                run(next.get());
            }
        } finally {
            held.remove(workspace);
            repository.unlock(workspace, settings.instanceId());
        }
        return true;
    }

    private void run(SyncRecord running) {
        WorkspaceConfig workspace = workspaces.get(running.workspace());
        long started = System.nanoTime();
        log.info("sync {} of workspace {} ({}) started", running.syncId(), running.workspace(), running.trigger());
        SyncRecord finished;
        try {
            EntitySource source = sources.get(running.workspace());
            if (source != null) {
                finished = runSource(running, source);
            } else if (workspace == null) {
                throw new SyncRun.Failure(
                        "unknown_workspace",
                        "workspace " + running.workspace() + " is no longer configured on instance "
                                + settings.instanceId(),
                        null);
            } else {
                finished = runner.run(running, workspace);
            }
            log.info(
                    "sync {} of workspace {} succeeded: {}{} in {} ms",
                    finished.syncId(),
                    finished.workspace(),
                    finished.counts(),
                    finished.conflicts().isEmpty()
                            ? ""
                            : ", " + finished.conflicts().size() + " conflicts (first: "
                                    + finished.conflicts().getFirst().ref() + " is owned by "
                                    + finished.conflicts().getFirst().ownedBy() + ")",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (SyncRun.Failure e) {
            finished = fail(running, e.getMessage(), e.kind());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = fail(
                    running, "the sync of workspace " + running.workspace() + " was stopped by a shutdown", "stopped");
        } catch (RuntimeException e) {
            log.error("sync {} of workspace {} failed on an internal error", running.syncId(), running.workspace(), e);
            finished = fail(
                    running,
                    "an internal error stopped the sync of workspace " + running.workspace()
                            + "; the catalog was left as it was (the service log has the details)",
                    "internal");
        }
        metrics.finished(finished, Duration.ofNanos(System.nanoTime() - started));
    }

    private SyncRecord runSource(SyncRecord running, EntitySource source) throws SyncRun.Failure, InterruptedException {
        EntitySource.Read read;
        try {
            read = source.read(running.runId());
        } catch (EntitySource.Failure e) {
            throw new SyncRun.Failure(e.kind(), e.getMessage(), e);
        }
        SyncRepository.SourceCommitted committed;
        try {
            committed = repository.commitSource(
                    running,
                    settings.instanceId(),
                    new SourceSnapshot(source.tenant(), source.id(), read.entities()),
                    read.version(),
                    read.claims());
        } catch (LockLostException e) {
            throw new SyncRun.Failure("lock_lost", e.getMessage(), e);
        } catch (ClaimConflictException e) {
            throw new SyncRun.Failure("invalid_config", e.getMessage(), e);
        } catch (InvalidEntityException e) {
            throw new SyncRun.Failure(
                    "mapping", source.id() + " made an entity Backstage would refuse: " + e.getMessage(), e);
        }
        for (String workspace : committed.requeued()) {
            log.info("{} changed what workspace {} belongs to; its sync is queued", source.id(), workspace);
            startQueued(workspace);
        }
        return committed.sync();
    }

    /** Records the failure, and queues the next attempt when the failure may pass and attempts are left. */
    private SyncRecord fail(SyncRecord running, String error, String kind) {
        SynchronizationConfig.Retry retry = settings.retry();
        boolean again = RETRYABLE.contains(kind) && running.attempt() < retry.maxAttempts();
        Duration delay = retry.delayAfter(running.attempt());
        String attempts = " (attempt " + running.attempt() + " of " + retry.maxAttempts() + "; "
                + (again
                        ? "tried again in " + delay.toMillis() + " ms)"
                        : RETRYABLE.contains(kind)
                                ? "no attempts left)"
                                : "not tried again: it would fail the same way)");
        log.warn("sync {} of workspace {} failed: {}{}", running.syncId(), running.workspace(), error, attempts);
        return repository.fail(
                running,
                error + attempts,
                kind,
                again ? Optional.of(clock.instant().plus(delay)) : Optional.empty());
    }

    private Instant leaseEnd() {
        return clock.instant().plus(settings.lease());
    }

    private void renewLeases() {
        for (String workspace : held) {
            try {
                if (!repository.renewLock(workspace, settings.instanceId(), leaseEnd())) {
                    log.warn(
                            "instance {} lost the lock on workspace {}; its running sync will not commit",
                            settings.instanceId(),
                            workspace);
                }
            } catch (RuntimeException e) {
                log.warn("renewing the lock on workspace {} failed: {}", workspace, e.getMessage());
            }
        }
    }

    private void pollQueued() {
        try {
            for (String workspace : repository.workspacesWithQueued()) {
                if (isTarget(workspace) && !draining.contains(workspace) && !drains.isShutdown()) {
                    drains.execute(() -> drain(workspace));
                }
            }
        } catch (RuntimeException e) {
            log.warn("looking for queued syncs failed: {}", e.getMessage());
        }
    }

    /** Stops polling and waits up to {@code grace} for running syncs to finish. */
    public void close(Duration grace) {
        timer.shutdownNow();
        drains.shutdown();
        try {
            if (!drains.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("syncs still running after {} s are stopped; they commit nothing", grace.toSeconds());
                drains.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drains.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
