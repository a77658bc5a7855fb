package io.tfsync.catalog;

import java.util.List;
import java.util.Objects;

/**
 * Everything the store keeps for one entity, derived from it by pure functions: the canonical JSON
 * (sorted keys, no uid, etag or relations), its content hash, the search rows and the relations
 * (with their inverses) that the entity's spec states.
 *
 * <p>Two entities with the same content have the same canonical JSON and hash, whatever the order
 * of their keys; this is what makes a repeated sync write nothing. The search rows and relations
 * are derived only when asked for, since an unchanged entity is never written and needs neither.
 */
public final class EntityContent {

    private final Entity entity;
    private final String canonicalJson;
    private final String contentHash;
    private List<Relation> relations;
    private List<SearchRow> searchRows;

    private EntityContent(Entity entity, String canonicalJson) {
        this.entity = entity;
        this.canonicalJson = canonicalJson;
        this.contentHash = CanonicalJson.hash(canonicalJson);
    }

    /** Derives the stored form of an entity. */
    public static EntityContent of(Entity entity) {
        Objects.requireNonNull(entity, "entity");
        return new EntityContent(entity, CanonicalJson.of(entity));
    }

    public Entity entity() {
        return entity;
    }

    public EntityRef ref() {
        return entity.ref();
    }

    public String canonicalJson() {
        return canonicalJson;
    }

    public String contentHash() {
        return contentHash;
    }

    public List<Relation> relations() {
        if (relations == null) {
            relations = List.copyOf(Relations.of(entity));
        }
        return relations;
    }

    public List<SearchRow> searchRows() {
        if (searchRows == null) {
            searchRows = List.copyOf(SearchRows.of(entity, relations()));
        }
        return searchRows;
    }
}
