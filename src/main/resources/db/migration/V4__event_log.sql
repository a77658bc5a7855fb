-- The catalog event stream: one row per change to an entity, written in the transaction that makes the
-- change. Offsets come from the single event_log row, which the writing transaction updates last: its row
-- lock orders the writers, so offsets are handed out in commit order and a reader that has seen offset N
-- never later finds a committed event below N (a sequence would let a late commit slip in behind it).

-- last_offset: the highest offset handed out. floor_offset: retention has removed events at or below it,
-- except the latest event of each entity that still exists; a consumer resuming below it must re-bootstrap.
CREATE TABLE event_log (
    id           INTEGER NOT NULL PRIMARY KEY,
    last_offset  BIGINT  NOT NULL,
    floor_offset BIGINT  NOT NULL
);
INSERT INTO event_log (id, last_offset, floor_offset) VALUES (1, 0, 0);

-- entity_ref is EntityRef.key() (Backstage's stringifyEntityRef, lower-cased); kind and namespace are
-- lower-cased for the stream's filters. entity_json is the entity as GET /entities returned it right
-- after the change (uid, etag and relations included), null for removed.
CREATE TABLE events (
    event_offset BIGINT  NOT NULL PRIMARY KEY,
    tenant       ${text} NOT NULL,
    type         ${text} NOT NULL,
    entity_ref   ${text} NOT NULL,
    kind         ${text} NOT NULL,
    namespace    ${text} NOT NULL,
    entity_json  ${text},
    created_at   BIGINT  NOT NULL
);
CREATE INDEX events_tenant_offset_idx ON events (tenant, event_offset);
CREATE INDEX events_entity_idx ON events (tenant, entity_ref, event_offset);
