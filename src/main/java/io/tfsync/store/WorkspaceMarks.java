package io.tfsync.store;

import io.tfsync.sync.ClaimConflictException;
import io.tfsync.sync.DriftMark;
import io.tfsync.sync.EntitySource;
import io.tfsync.sync.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What is recorded on workspace rows besides the sync engine's own state (migration V8): rows for sources
 * that are not workspaces, the workspaces they claim, and the drift reported for a workspace. Written
 * inside the caller's transaction.
 */
final class WorkspaceMarks {

    private static final String UPSERT_SOURCE = """
            INSERT INTO workspaces (id, tenant, business_unit, namespace, owner, source_json, created_at, updated_at)
            VALUES (:id, :tenant, NULL, :namespace, '', :source, :now, :now)
            ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, namespace = excluded.namespace,
                source_json = excluded.source_json, updated_at = excluded.updated_at
            """;

    /** Every row: a deployment has tens of workspaces, not thousands. */
    private static final String SELECT_CLAIMS = "SELECT id, tenant, claim_ref, claim_source FROM workspaces";

    private static final String SET_CLAIM =
            "UPDATE workspaces SET claim_ref = :ref, claim_source = :source WHERE id = :id";

    private static final String SELECT_CLAIM = "SELECT claim_ref FROM workspaces WHERE id = :id";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private WorkspaceMarks() {}

    static void register(Handle handle, List<EntitySource> sources, long now) {
        for (EntitySource source : sources) {
            handle.createUpdate(JdbiSyncRepository.INSERT_TENANT)
                    .bind("id", source.tenant())
                    .bind("now", now)
                    .execute();
            handle.createUpdate(UPSERT_SOURCE)
                    .bind("id", source.id())
                    .bind("tenant", source.tenant())
                    .bind("namespace", source.namespace())
                    .bind(
                            "source",
                            "{\"type\":\""
                                    + source.id().substring(0, source.id().indexOf(':')) + "\"}")
                    .bind("now", now)
                    .execute();
        }
    }

    /**
     * Makes the source's claims {@code claims}, and queues a {@code config_change} sync of every workspace
     * whose claim changed; returns those workspaces.
     */
    static List<String> replace(Handle handle, String source, Map<String, String> claims, long now) {
        record Row(String id, String tenant, String ref, String source) {}
        Map<String, Row> rows = new HashMap<>();
        handle
                .createQuery(SELECT_CLAIMS)
                .map((rs, ctx) -> new Row(
                        rs.getString("id"),
                        rs.getString("tenant"),
                        rs.getString("claim_ref"),
                        rs.getString("claim_source")))
                .stream()
                .filter(row -> source.equals(row.source()) || claims.containsKey(row.id()))
                .forEach(row -> rows.put(row.id(), row));
        List<String> changed = new ArrayList<>();
        for (Row row : rows.values().stream()
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList()) {
            String wanted = claims.get(row.id());
            if (wanted != null && row.source() != null && !row.source().equals(source)) {
                throw new ClaimConflictException(row.id(), source, row.source());
            }
            if (Objects.equals(wanted, row.ref())) {
                continue;
            }
            handle.createUpdate(SET_CLAIM)
                    .bind("ref", wanted)
                    .bind("source", wanted == null ? null : source)
                    .bind("id", row.id())
                    .execute();
            JdbiSyncRepository.enqueue(
                    handle, Uids.next(now), now, row.id(), row.tenant(), Trigger.CONFIG_CHANGE, Optional.empty());
            changed.add(row.id());
        }
        return changed;
    }

    static Optional<String> claimOf(Handle handle, String workspace) {
        return handle.createQuery(SELECT_CLAIM)
                .bind("id", workspace)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("claim_ref")))
                .findOne()
                .flatMap(claim -> claim);
    }

    /** Records the drift (or, empty, clears it). */
    static void setDrift(Handle handle, String workspace, Optional<DriftMark> drift) {
        String json = drift.map(d -> {
                    var node = JSON.createObjectNode()
                            .put("resourcesDrifted", d.resourcesDrifted())
                            .put("resourcesUndrifted", d.resourcesUndrifted())
                            .put("reportedAt", d.reportedAt().toString());
                    d.assessmentId().ifPresent(id -> node.put("assessmentId", id));
                    return node.toString();
                })
                .orElse(null);
        handle.createUpdate("UPDATE workspaces SET drift_json = :json WHERE id = :id")
                .bind("json", json)
                .bind("id", workspace)
                .execute();
    }

    static Optional<DriftMark> driftOf(Handle handle, String workspace) {
        return handle.createQuery("SELECT drift_json FROM workspaces WHERE id = :id")
                .bind("id", workspace)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("drift_json")))
                .findOne()
                .flatMap(json -> json)
                .map(WorkspaceMarks::drift);
    }

    private static DriftMark drift(String json) {
        try {
            var node = JSON.readTree(json);
            return new DriftMark(
                    node.path("resourcesDrifted").asLong(),
                    node.path("resourcesUndrifted").asLong(),
                    Optional.ofNullable(node.path("assessmentId").textValue()),
                    Instant.parse(node.path("reportedAt").asText()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("workspaces.drift_json does not hold JSON", e);
        }
    }
}
