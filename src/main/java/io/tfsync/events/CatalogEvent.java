package io.tfsync.events;

import java.util.Objects;
import java.util.Optional;

/**
 * One event of the stream. {@code entityJson} is the entity as {@code GET /entities} showed it right
 * after the change (uid, etag and relations included), kept as the UTF-8 bytes it was stored as so a
 * page of events is served without decoding, parsing or re-encoding it; it is absent on {@code removed}.
 * The array is shared, not copied (a page holds thousands): no one may write into it.
 *
 * @param createdAt when the writing transaction made the event, epoch milliseconds
 */
public record CatalogEvent(
        long offset, EventType type, String tenant, String entityRef, Optional<byte[]> entityJson, long createdAt) {

    public CatalogEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(entityRef, "entityRef");
        Objects.requireNonNull(entityJson, "entityJson");
        if (type == EventType.REMOVED == entityJson.isPresent()) {
            throw new IllegalArgumentException("a " + type.wireName() + " event of " + entityRef
                    + (type == EventType.REMOVED ? " carries no entity" : " needs its entity"));
        }
    }
}
