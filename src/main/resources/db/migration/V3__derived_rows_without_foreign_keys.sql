-- The search rows and relations of an entity lose their foreign keys to entities. Every row the catalog
-- writes goes through one writer that deletes an entity's derived rows with it, by uid, in the same
-- transaction; the per-row foreign-key check cost more than the insert itself (a sync of 10,000
-- resources writes about 500,000 derived rows). SQLite cannot drop a constraint, so both tables are
-- rebuilt, the same way on both databases.

CREATE TABLE entity_search_new (
    entity_uid     ${text} NOT NULL,
    tenant         ${text} NOT NULL,
    key            ${text} NOT NULL,
    value          ${text},
    original_value ${text}
);
INSERT INTO entity_search_new (entity_uid, tenant, key, value, original_value)
    SELECT entity_uid, tenant, key, value, original_value FROM entity_search;
DROP TABLE entity_search;
ALTER TABLE entity_search_new RENAME TO entity_search;
CREATE INDEX entity_search_key_value_idx ON entity_search (key, value, entity_uid);
CREATE INDEX entity_search_entity_idx ON entity_search (entity_uid, key, value);

CREATE TABLE relations_new (
    tenant          ${text} NOT NULL,
    originating_uid ${text} NOT NULL,
    source_ref      ${text} NOT NULL,
    type            ${text} NOT NULL,
    target_ref      ${text} NOT NULL
);
INSERT INTO relations_new (tenant, originating_uid, source_ref, type, target_ref)
    SELECT tenant, originating_uid, source_ref, type, target_ref FROM relations;
DROP TABLE relations;
ALTER TABLE relations_new RENAME TO relations;
CREATE INDEX relations_source_idx ON relations (tenant, source_ref);
CREATE INDEX relations_origin_idx ON relations (originating_uid);
