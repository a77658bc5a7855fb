package io.tfsync.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.tfsync.catalog.OwnershipConflict;
import io.tfsync.catalog.TenantScope;
import io.tfsync.config.SourceConfig;
import io.tfsync.config.WorkspaceConfig;
import io.tfsync.sync.DriftMark;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncService;
import io.tfsync.sync.Trigger;
import java.time.Instant;
import java.util.Optional;

/**
 * The sync API: the configured workspaces with their last sync, the sync history, and the manual
 * trigger. A caller sees only the workspaces and syncs of its tenants; one outside them is a 404,
 * as if it did not exist.
 */
final class SyncRoutes {

    static final String BASE = "/api/sync";
    static final int DEFAULT_HISTORY_LIMIT = 20;
    static final int MAX_HISTORY_LIMIT = 500;
    private static final String SYNC_WRITE = "sync.write";

    private final SyncService sync;
    private final ObjectMapper json;

    SyncRoutes(SyncService sync, ObjectMapper json) {
        this.sync = sync;
        this.json = json;
    }

    void register(JavalinConfig config) {
        config.routes.get(BASE + "/workspaces", this::workspaces);
        config.routes.post(BASE + "/workspaces/{id}/sync", this::trigger);
        config.routes.get(BASE + "/history", this::history);
        config.routes.get(BASE + "/history/{syncId}", this::oneSync);
    }

    private static TenantScope readScope(Context ctx) {
        Caller caller = HttpServer.caller(ctx);
        Authenticator.require(caller, Caller.CATALOG_READ);
        return caller.scope();
    }

    private WorkspaceConfig visibleWorkspace(TenantScope scope, String id) {
        return sync.workspace(id)
                .filter(w -> scope.includes(w.tenant()))
                .orElseThrow(() -> ApiException.notFound("No workspace with id '" + id + "' is configured"));
    }

    private void workspaces(Context ctx) {
        TenantScope scope = readScope(ctx);
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        for (WorkspaceConfig workspace : sync.workspaces()) {
            if (!scope.includes(workspace.tenant())) {
                continue;
            }
            ObjectNode item = items.addObject()
                    .put("id", workspace.id())
                    .put("tenant", workspace.tenant())
                    .put("businessUnit", workspace.businessUnit())
                    .put("namespace", workspace.namespace())
                    .put("owner", workspace.owner().toString());
            item.set("source", source(workspace.source()));
            item.put("schedule", sync.scheduleOf(workspace).orElse(null));
            // Scheduled syncs are run by the job queue, which is not part of this build yet.
            item.putNull("nextRunAt");
            item.set(
                    "lastSync",
                    sync.history().lastSync(workspace.id()).map(this::record).orElse(null));
            item.set(
                    "drift",
                    sync.history().driftOf(workspace.id()).map(this::drift).orElse(null));
        }
        ctx.json(body);
    }

    /** The drift Terraform Cloud last reported; the drift report proper comes with drift checks. */
    private ObjectNode drift(DriftMark mark) {
        ObjectNode node = json.createObjectNode()
                .put("source", "terraform-cloud-assessment")
                .put("resourcesDrifted", mark.resourcesDrifted())
                .put("resourcesUndrifted", mark.resourcesUndrifted())
                .put("reportedAt", mark.reportedAt().toString())
                .put("summary", mark.annotation());
        mark.assessmentId().ifPresent(id -> node.put("assessmentId", id));
        return node;
    }

    private void trigger(Context ctx) {
        Caller caller = HttpServer.caller(ctx);
        Authenticator.require(caller, SYNC_WRITE);
        WorkspaceConfig workspace = visibleWorkspace(caller.scope(), ctx.pathParam("id"));
        SyncRecord queued = sync.trigger(workspace.id(), Trigger.MANUAL, Optional.empty());
        ctx.status(202)
                .json(json.createObjectNode()
                        .put("syncId", queued.syncId())
                        .put("workspace", workspace.id())
                        .put("status", queued.status().id()));
    }

    private void history(Context ctx) {
        TenantScope scope = readScope(ctx);
        Optional<String> workspace = Optional.ofNullable(ctx.queryParam("workspace"))
                .map(id -> visibleWorkspace(scope, id).id());
        Integer limit = CatalogParams.integer(ctx, "limit", 1);
        if (limit != null && limit > MAX_HISTORY_LIMIT) {
            throw ApiException.badRequest("Invalid limit: " + limit + " is more than " + MAX_HISTORY_LIMIT);
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        sync.history()
                .history(scope, workspace, limit == null ? DEFAULT_HISTORY_LIMIT : limit)
                .forEach(record -> items.add(record(record)));
        ctx.json(body);
    }

    private void oneSync(Context ctx) {
        TenantScope scope = readScope(ctx);
        String syncId = ctx.pathParam("syncId");
        SyncRecord record = sync.history()
                .byId(scope, syncId)
                .orElseThrow(() -> ApiException.notFound("No sync with id '" + syncId + "'"));
        ctx.json(record(record));
    }

    private ObjectNode source(SourceConfig source) {
        ObjectNode node = json.createObjectNode();
        source.settings().forEach(node::put);
        return node;
    }

    ObjectNode record(SyncRecord record) {
        ObjectNode node = json.createObjectNode()
                .put("syncId", record.syncId())
                .put("workspace", record.workspace())
                .put("trigger", record.trigger().id())
                .put("runId", record.runId().orElse(null))
                .put("status", record.status().id())
                .put("queuedAt", record.queuedAt().toString())
                .put("startedAt", record.startedAt().map(Instant::toString).orElse(null))
                .put("finishedAt", record.finishedAt().map(Instant::toString).orElse(null))
                .put("added", record.added())
                .put("updated", record.updated())
                .put("deleted", record.deleted());
        ArrayNode conflicts = node.putArray("conflicts");
        for (OwnershipConflict conflict : record.conflicts()) {
            conflicts
                    .addObject()
                    .put("entityRef", conflict.ref().toString())
                    .put("claimedBy", conflict.claimedBy())
                    .put("ownedBy", conflict.ownedBy());
        }
        node.put("error", record.error().orElse(null));
        node.put("attempt", record.attempt());
        return node;
    }
}
