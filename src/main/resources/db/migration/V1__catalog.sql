-- The catalog: tenants, workspaces, entities and the two tables derived from each entity (its search
-- rows and the relations it states). One migration set for SQLite and PostgreSQL; the only word that
-- differs is ${text}: text with binary (code point) collation on both, so ORDER BY, keyset
-- comparisons and Java's String order agree whatever locale a PostgreSQL database was created with.
-- Timestamps are epoch milliseconds (BIGINT), the same on both.

CREATE TABLE tenants (
    id         ${text} NOT NULL PRIMARY KEY,
    created_at BIGINT  NOT NULL
);

CREATE TABLE workspaces (
    id            ${text} NOT NULL PRIMARY KEY,
    tenant        ${text} NOT NULL REFERENCES tenants (id),
    business_unit ${text},
    namespace     ${text} NOT NULL,
    owner         ${text} NOT NULL,
    source_json   ${text} NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX workspaces_tenant_idx ON workspaces (tenant);

-- entity_ref is EntityRef.key(): kind:namespace/name lower-cased. The unique key leads with it so that
-- one index answers lookups by ref within a tenant and across all tenants.
CREATE TABLE entities (
    uid          ${text} NOT NULL PRIMARY KEY,
    tenant       ${text} NOT NULL REFERENCES tenants (id),
    entity_ref   ${text} NOT NULL,
    kind         ${text} NOT NULL,
    namespace    ${text} NOT NULL,
    name         ${text} NOT NULL,
    owner_source ${text} NOT NULL,
    entity_json  ${text} NOT NULL,
    content_hash ${text} NOT NULL,
    etag         ${text} NOT NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    CONSTRAINT entities_ref_tenant_key UNIQUE (entity_ref, tenant)
);
CREATE INDEX entities_tenant_uid_idx ON entities (tenant, uid);
CREATE INDEX entities_tenant_owner_idx ON entities (tenant, owner_source);

-- One row per leaf of an entity (lower-cased key and value, and the value as written for facets).
-- (key, value, entity_uid) answers "key = ? AND value IN (...)" and walks one key's values in order;
-- (entity_uid, key, value) finds an entity's rows and its lowest value for a key.
CREATE TABLE entity_search (
    entity_uid     ${text} NOT NULL REFERENCES entities (uid) ON DELETE CASCADE,
    tenant         ${text} NOT NULL,
    key            ${text} NOT NULL,
    value          ${text},
    original_value ${text}
);
CREATE INDEX entity_search_key_value_idx ON entity_search (key, value, entity_uid);
CREATE INDEX entity_search_entity_idx ON entity_search (entity_uid, key, value);

-- Relations an entity's spec states, with their inverses, all owned by the stating entity
-- (originating_uid). An entity's relations are the rows whose source_ref (EntityRef.key()) is its ref.
CREATE TABLE relations (
    tenant          ${text} NOT NULL,
    originating_uid ${text} NOT NULL REFERENCES entities (uid) ON DELETE CASCADE,
    source_ref      ${text} NOT NULL,
    type            ${text} NOT NULL,
    target_ref      ${text} NOT NULL
);
CREATE INDEX relations_source_idx ON relations (tenant, source_ref);
CREATE INDEX relations_origin_idx ON relations (originating_uid);
