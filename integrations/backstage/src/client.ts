/**
 * tfsync's catalog API and event stream, the two calls the provider makes (with Node's fetch).
 * See tfsync's docs/api.md: `GET /api/catalog/entities/by-query` and `GET /api/catalog/events`.
 */

import type { Entity } from '@backstage/catalog-model';

/** An entity as tfsync serves it (Backstage's shape, with uid, etag and relations). */
export type TfsyncEntity = Entity;

export type CatalogEvent = {
  type: 'added' | 'updated' | 'removed';
  offset: number;
  entityRef: string;
  entity?: TfsyncEntity;
};

export type EntityPage = { items: TfsyncEntity[]; nextCursor?: string; lastEventOffset: number };
export type EventPage = { lastEventOffset: number; events: CatalogEvent[] };

/** tfsync answered 410: the offset is older than its retained log; read the catalog again. */
export class OffsetGoneError extends Error {
  constructor(readonly offset: number, readonly earliestOffset: number) {
    super(`offset ${offset} is older than tfsync's retained event log (earliest ${earliestOffset})`);
  }
}

export class TfsyncClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly kinds: string[] | undefined,
  ) {}

  /** One page of the catalog; the first page's `lastEventOffset` is where to follow the stream from. */
  async entities(limit: number, cursor: string | undefined, signal?: AbortSignal): Promise<EntityPage> {
    const params = new URLSearchParams();
    if (cursor) {
      params.set('cursor', cursor);
    } else {
      if (this.kinds) {
        params.set('filter', this.kinds.map(k => `kind=${k}`).join(','));
      }
    }
    params.set('limit', String(limit));
    const response = await this.get(`/api/catalog/entities/by-query?${params}`, 60_000, signal);
    const body = (await response.json()) as {
      items: TfsyncEntity[];
      pageInfo?: { nextCursor?: string };
      lastEventOffset?: number;
    };
    const header = response.headers.get('x-catalog-last-event-offset');
    const lastEventOffset = header !== null ? Number(header) : body.lastEventOffset;
    if (lastEventOffset === undefined || !Number.isFinite(lastEventOffset)) {
      throw new Error(`tfsync at ${this.baseUrl} did not say its last event offset (X-Catalog-Last-Event-Offset)`);
    }
    return { items: body.items, nextCursor: body.pageInfo?.nextCursor, lastEventOffset };
  }

  /** The events after `offset`, waiting up to `waitSeconds` for one. */
  async events(offset: number, limit: number, waitSeconds: number, signal?: AbortSignal): Promise<EventPage> {
    const params = new URLSearchParams({ offset: String(offset), limit: String(limit), wait: String(waitSeconds) });
    if (this.kinds) {
      params.set('kind', this.kinds.join(','));
    }
    const response = await this.get(`/api/catalog/events?${params}`, (waitSeconds + 30) * 1000, signal, offset);
    return (await response.json()) as EventPage;
  }

  private async get(path: string, timeoutMs: number, signal?: AbortSignal, offset?: number): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.status === 410 && offset !== undefined) {
      const body = (await response.json().catch(() => ({}))) as { earliestOffset?: number };
      throw new OffsetGoneError(offset, body.earliestOffset ?? 0);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => undefined)) as
        | { error?: { message?: string } }
        | undefined;
      const said = body?.error?.message ? `: ${body.error.message}` : '';
      throw new Error(`tfsync answered ${response.status} for GET ${path.split('?')[0]}${said}`);
    }
    return response;
  }
}
