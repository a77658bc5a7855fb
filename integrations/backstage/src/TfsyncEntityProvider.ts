import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { OffsetGoneError, TfsyncClient } from './client';
import { deltaOf, toDeferred, type Deferred } from './entities';
import type { OffsetStore } from './offsets';

/** The part of Backstage's logger the provider uses. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface FollowOptions {
  /** How long one long poll may wait for an event, in seconds (tfsync's maximum is 60). */
  waitSeconds: number;
  /** Events per page. */
  eventPageSize: number;
  /** Entities per page of the full read. */
  entityPageSize: number;
  /** How long to pause after a failed request before trying again. */
  retryDelayMs: number;
}

export const DEFAULT_FOLLOW: FollowOptions = {
  waitSeconds: 20,
  eventPageSize: 1000,
  entityPageSize: 500,
  retryDelayMs: 5000,
};

/**
 * Keeps tfsync's entities in the catalog. The first run reads the whole catalog (a `full` mutation)
 * and remembers the event offset the first page carried; every run then long-polls tfsync's event
 * stream from the stored offset and applies each page as a `delta` mutation, storing the new offset
 * after the catalog took it (so a restart repeats at most one page, and mutations are idempotent).
 * An offset tfsync no longer retains (410) starts a full read again.
 */
export class TfsyncEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly name: string,
    private readonly client: TfsyncClient,
    private readonly offsets: OffsetStore,
    private readonly logger: Logger,
    private readonly options: FollowOptions = DEFAULT_FOLLOW,
  ) {}

  getProviderName(): string {
    return this.name;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /**
   * Follows the stream until `signal` aborts or `until` (epoch ms) passes; the scheduler then runs it
   * again, on whichever instance takes the task next.
   */
  async run(signal: AbortSignal, until: number): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(`${this.name} is not connected to the catalog yet`);
    }
    let offset = await this.offsets.get();
    if (offset === undefined) {
      offset = await this.readAll(connection, signal);
    } else {
      this.logger.info(`${this.name}: resuming from stored event offset ${offset}`);
    }
    while (!signal.aborted && Date.now() < until) {
      try {
        offset = await this.followOnce(connection, offset, signal);
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        if (error instanceof OffsetGoneError) {
          this.logger.warn(`${this.name}: ${error.message}; reading the whole catalog again`);
          offset = await this.readAll(connection, signal);
          continue;
        }
        this.logger.warn(`${this.name}: following tfsync's event stream failed (${String(error)}); trying again`);
        await sleep(this.options.retryDelayMs, signal);
      }
    }
  }

  /** Reads every entity (a `full` mutation) and returns the offset to follow from. */
  async readAll(connection: EntityProviderConnection, signal?: AbortSignal): Promise<number> {
    const started = Date.now();
    const entities: Deferred[] = [];
    let cursor: string | undefined;
    let offset: number | undefined;
    do {
      const page = await this.client.entities(this.options.entityPageSize, cursor, signal);
      // The first page's offset: events after it may repeat what later pages show, never miss anything.
      offset ??= page.lastEventOffset;
      entities.push(...page.items.map(toDeferred));
      cursor = page.nextCursor;
    } while (cursor);
    await connection.applyMutation({ type: 'full', entities });
    await this.offsets.set(offset);
    this.logger.info(
      `${this.name}: full read of ${entities.length} entities in ${Date.now() - started} ms; following events from offset ${offset}`,
    );
    return offset;
  }

  /** One long poll: applies what it brings and returns the new offset. */
  async followOnce(connection: EntityProviderConnection, offset: number, signal?: AbortSignal): Promise<number> {
    const page = await this.client.events(offset, this.options.eventPageSize, this.options.waitSeconds, signal);
    if (page.events.length > 0) {
      const delta = deltaOf(page.events);
      await connection.applyMutation({ type: 'delta', added: delta.added, removed: delta.removed });
      this.logger.info(
        `${this.name}: applied events ${page.events[0].offset}-${page.lastEventOffset} (${delta.added.length} added or updated, ${delta.removed.length} removed)`,
      );
    }
    if (page.lastEventOffset !== offset) {
      await this.offsets.set(page.lastEventOffset);
    }
    return page.lastEventOffset;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
