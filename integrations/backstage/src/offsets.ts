/** Where the provider keeps the last event offset it applied, so a restart resumes there. */
export interface OffsetStore {
  get(): Promise<number | undefined>;
  set(offset: number): Promise<void>;
}

/** The part of knex the store uses. */
type Knex = {
  schema: {
    hasTable(name: string): Promise<boolean>;
    createTable(name: string, build: (table: any) => void): Promise<unknown>;
  };
  (table: string): any;
};

const TABLE = 'tfsync_provider_offsets';

/** The offset in the catalog plugin's own database (one row per provider name). */
export class DatabaseOffsetStore implements OffsetStore {
  private constructor(private readonly knex: Knex, private readonly provider: string) {}

  static async create(knex: Knex, provider: string): Promise<DatabaseOffsetStore> {
    if (!(await knex.schema.hasTable(TABLE))) {
      try {
        await knex.schema.createTable(TABLE, table => {
          table.string('provider').primary();
          table.bigInteger('last_offset').notNullable();
          table.timestamp('updated_at').notNullable();
        });
      } catch (error) {
        // Another instance created it at the same moment.
        if (!(await knex.schema.hasTable(TABLE))) {
          throw error;
        }
      }
    }
    return new DatabaseOffsetStore(knex, provider);
  }

  async get(): Promise<number | undefined> {
    const row = await this.knex(TABLE).where({ provider: this.provider }).first();
    return row ? Number(row.last_offset) : undefined;
  }

  async set(offset: number): Promise<void> {
    await this.knex(TABLE)
      .insert({ provider: this.provider, last_offset: offset, updated_at: new Date() })
      .onConflict('provider')
      .merge();
  }
}
