import type { CatalogEvent, TfsyncEntity } from './client';

/** What the provider hands Backstage: the entity and the key that ties it to its tfsync source. */
export type Deferred = { entity: TfsyncEntity; locationKey: string };

/** A delta mutation's two lists. */
export type Delta = { added: Deferred[]; removed: { entityRef: string }[] };

const LOCATION = 'backstage.io/managed-by-location';

/**
 * The entity as Backstage should receive it: without tfsync's uid, etag and relations (Backstage makes
 * its own), under a `locationKey` per tfsync source (`tfsync:` and the source's location, e.g.
 * `tfsync:tfsync:workspace/payments-prod`), so no other provider or location can claim it.
 */
export function toDeferred(entity: TfsyncEntity): Deferred {
  const { relations: _relations, ...rest } = entity;
  const { uid: _uid, etag: _etag, ...metadata } = rest.metadata;
  const source = metadata.annotations?.[LOCATION] ?? 'unknown';
  return { entity: { ...rest, metadata }, locationKey: `tfsync:${source}` };
}

/**
 * A page of events as one delta: each entity's last event in the page wins, so an entity added then
 * removed within the page is removed, and one removed then added again is added.
 */
export function deltaOf(events: CatalogEvent[]): Delta {
  const last = new Map<string, CatalogEvent>();
  for (const event of events) {
    const key = event.entityRef.toLowerCase();
    last.delete(key); // keeps the map in the order of each entity's last event
    last.set(key, event);
  }
  const delta: Delta = { added: [], removed: [] };
  for (const event of last.values()) {
    if (event.type === 'removed' || !event.entity) {
      delta.removed.push({ entityRef: event.entityRef });
    } else {
      delta.added.push(toDeferred(event.entity));
    }
  }
  return delta;
}
