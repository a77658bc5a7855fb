package io.tfsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.tfsync.catalog.InvalidEntityException;
import io.tfsync.catalog.SourceSnapshot;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sources.FetchedState;
import io.tfsync.sources.StateSource;
import io.tfsync.sources.StateSourceException;
import io.tfsync.sources.StateVersion;
import io.tfsync.terraform.EntityMapper;
import io.tfsync.terraform.MappingRules;
import io.tfsync.terraform.StateEntities;
import io.tfsync.terraform.StateParseException;
import io.tfsync.terraform.StateParser;
import io.tfsync.terraform.StateSummary;
import io.tfsync.terraform.WorkspaceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed sync, run to its end: fetch the state (or learn it is the one last synced), parse and
 * map it as it streams in, then commit the workspace's entities and the history row in one
 * transaction. Every failure becomes a {@link Failure} with a sentence for the user; the catalog is
 * left as it was.
 */
final class SyncRun {

    private static final Logger log = LoggerFactory.getLogger(SyncRun.class);

    /** A sync that could not finish: one sentence for the user and a short word for metrics. */
    static final class Failure extends Exception {
        private final String kind;

        Failure(String kind, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        String kind() {
            return kind;
        }
    }

    private final SyncRepository repository;
    private final StateSource source;
    private final MappingRules rules;
    private final JsonNode mapping;
    private final String holder;

    SyncRun(SyncRepository repository, StateSource source, MappingRules rules, JsonNode mapping, String holder) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.source = Objects.requireNonNull(source, "source");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    /** The entities' owner: the workspace, whatever its source type, so changing the source keeps them. */
    static String ownerSource(String workspaceId) {
        return "workspace:" + workspaceId;
    }

    SyncRecord run(SyncRecord running, WorkspaceConfig workspace) throws Failure, InterruptedException {
        Optional<String> claim = repository.claimOf(workspace.id());
        Optional<String> drift = repository.driftOf(workspace.id()).map(DriftMark::annotation);
        String fingerprint = MappingFingerprint.of(workspace, mapping, claim, drift);
        Optional<SyncedState> last = repository.lastSynced(workspace.id());
        Optional<StateVersion> known =
                last.filter(seen -> seen.mapping().equals(fingerprint)).flatMap(SyncedState::version);
        FetchedState fetched = fetch(workspace, known);
        WorkspaceContext context = workspace.mappingContext(claim, drift);
        return switch (fetched) {
            case FetchedState.Unchanged unchanged -> {
                log.info(
                        "sync {} of workspace {}: state version {} (serial {}) is the one last synced; nothing to do",
                        running.syncId(),
                        workspace.id(),
                        unchanged.version().id(),
                        unchanged.version().serial());
                yield repository.finishUnchanged(running, holder);
            }
            case FetchedState.Download download -> apply(running, workspace, context, download, fingerprint);
        };
    }

    private FetchedState fetch(WorkspaceConfig workspace, Optional<StateVersion> known)
            throws Failure, InterruptedException {
        try {
            return source.fetch(workspace, known);
        } catch (StateSourceException e) {
            throw new Failure(e.kind(), e.getMessage(), e);
        }
    }

    private SyncRecord apply(
            SyncRecord running,
            WorkspaceConfig workspace,
            WorkspaceContext context,
            FetchedState.Download download,
            String fingerprint)
            throws Failure {
        long started = System.nanoTime();
        StateEntities sink = new StateEntities(new EntityMapper(context, rules));
        StateSummary summary;
        try (download) {
            summary = StateParser.parse(download.body(), download.origin(), sink);
        } catch (StateParseException e) {
            throw new Failure(
                    "invalid_state",
                    "the state of workspace " + workspace.id() + " could not be read: " + e.getMessage(),
                    e);
        } catch (IOException | UncheckedIOException e) {
            throw new Failure(
                    "io",
                    "reading the state of workspace " + workspace.id() + " from " + download.origin()
                            + " failed before it was complete",
                    e);
        }
        long read = System.nanoTime();
        SourceSnapshot snapshot;
        try {
            snapshot = new SourceSnapshot(workspace.tenant(), ownerSource(workspace.id()), sink.entities());
        } catch (InvalidEntityException e) {
            throw new Failure(
                    "mapping",
                    "the state of workspace " + workspace.id() + " mapped to an entity Backstage would refuse: "
                            + e.getMessage(),
                    e);
        }
        long mapped = System.nanoTime();
        log.info(
                "sync {} of workspace {}: read {} resource instances from {} in {} ms ({} data sources skipped),"
                        + " made {} entities in {} ms; writing",
                running.syncId(),
                workspace.id(),
                summary.managedInstances(),
                download.origin(),
                (read - started) / 1_000_000,
                summary.dataInstancesSkipped(),
                snapshot.entities().size(),
                (mapped - read) / 1_000_000);
        SyncedState seen = new SyncedState(
                download.version(),
                Optional.ofNullable(summary.serial()),
                Optional.ofNullable(summary.lineage()),
                fingerprint,
                download.runId());
        try {
            return repository.commit(running, holder, snapshot, seen);
        } catch (LockLostException e) {
            throw new Failure("lock_lost", e.getMessage(), e);
        }
    }
}
