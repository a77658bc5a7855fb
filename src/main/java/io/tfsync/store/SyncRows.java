package io.tfsync.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfsync.catalog.EntityRef;
import io.tfsync.catalog.OwnershipConflict;
import io.tfsync.config.SourceConfig;
import io.tfsync.sync.SyncRecord;
import io.tfsync.sync.SyncStatus;
import io.tfsync.sync.Trigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** How sync rows and the JSON in them are read and written. */
final class SyncRows {

    static final String COLUMNS = "id, workspace, tenant, trigger_kind, run_id, status, queued_at, started_at,"
            + " finished_at, added, updated, deleted, conflicts_json, error, error_kind, attempt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncRows() {}

    static final RowMapper<SyncRecord> RECORD = SyncRows::record;

    private static SyncRecord record(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SyncRecord(
                rs.getString("id"),
                rs.getString("workspace"),
                rs.getString("tenant"),
                Trigger.fromId(rs.getString("trigger_kind")).orElse(Trigger.MANUAL),
                Optional.ofNullable(rs.getString("run_id")),
                SyncStatus.fromId(rs.getString("status"))
                        .orElseThrow(() -> new IllegalStateException("unknown sync status in the database")),
                Instant.ofEpochMilli(rs.getLong("queued_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getInt("added"),
                rs.getInt("updated"),
                rs.getInt("deleted"),
                conflicts(rs.getString("conflicts_json")),
                Optional.ofNullable(rs.getString("error")),
                Optional.ofNullable(rs.getString("error_kind")),
                rs.getInt("attempt"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    static String conflictsJson(List<OwnershipConflict> conflicts) {
        if (conflicts.isEmpty()) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (OwnershipConflict conflict : conflicts) {
            array.addObject()
                    .put("entityRef", conflict.ref().toString())
                    .put("claimedBy", conflict.claimedBy())
                    .put("ownedBy", conflict.ownedBy());
        }
        return array.toString();
    }

    private static List<OwnershipConflict> conflicts(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<OwnershipConflict> conflicts = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                conflicts.add(new OwnershipConflict(
                        EntityRef.parse(node.path("entityRef").asText()),
                        node.path("claimedBy").asText(),
                        node.path("ownedBy").asText()));
            }
            return conflicts;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sync row's conflicts are not valid JSON", e);
        }
    }

    static String sourceJson(SourceConfig source) {
        ObjectNode node = JSON.createObjectNode().put("type", source.type());
        switch (source) {
            case SourceConfig.Tfc tfc ->
                node.put("organization", tfc.organization()).put("workspace", tfc.workspace());
            case SourceConfig.File file -> node.put("path", file.path().toString());
        }
        return node.toString();
    }
}
