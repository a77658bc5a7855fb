package io.tfsync.catalog;

import java.util.List;

/**
 * Everything the store keeps for one entity, derived from it by pure functions: the canonical JSON
 * (sorted keys, no uid, etag or relations), its content hash, the search rows and the relations
 * (with their inverses) that the entity's spec states.
 *
 * <p>Two entities with the same content have the same canonical JSON and hash, whatever the order
 * of their keys; this is what makes a repeated sync write nothing.
 */
public record EntityContent(
        Entity entity, String canonicalJson, String contentHash, List<SearchRow> searchRows, List<Relation> relations) {

    public EntityContent {
        searchRows = List.copyOf(searchRows);
        relations = List.copyOf(relations);
    }

    /** Derives the stored form of an entity. */
    public static EntityContent of(Entity entity) {
        String canonical = CanonicalJson.of(entity);
        List<Relation> relations = Relations.of(entity);
        return new EntityContent(
                entity, canonical, CanonicalJson.hash(canonical), SearchRows.of(entity, relations), relations);
    }

    public EntityRef ref() {
        return entity.ref();
    }
}
