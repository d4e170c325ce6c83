import type { Config } from '../config.js';
import type { Log } from '../errors.js';
import type { Database, DatabaseHub } from './database.js';
import { migrateSchema } from './migrate.js';

/**
 * CBS's code for the Netherlands. The national source answers for it, so a failure of that
 * source is reported like a region's: REGION_UNAVAILABLE with `region: "NL01"`.
 */
export const NATIONAL_AREA = 'NL01';

/** National open data (CBS tables) for one subgraph: one schema in the shared national database. */
export interface NationalHandle<T> {
  readonly db: Database;
  readonly schema: string;
  readonly tables: T;
}

export interface NationalSourceOptions<T> {
  readonly hub: DatabaseHub;
  readonly config: Config;
  /** The schema drizzle-kit writes the migrations for; national data has one copy, so it is also the schema used. */
  readonly schema: string;
  readonly migrationsFolder: string;
  readonly tables: (schema: string) => T;
  readonly log: Log;
}

/**
 * The shared national source: the database at NATIONAL_DATABASE_URL (or DATABASE_URL, or the
 * embedded one), migrated on first use. A database that could not be reached is tried again on
 * the next use, as region sources are.
 */
export class NationalSource<T> {
  #ready: Promise<NationalHandle<T>> | undefined;

  constructor(private readonly options: NationalSourceOptions<T>) {}

  source(): Promise<NationalHandle<T>> {
    if (!this.#ready) {
      const ready = this.open();
      this.#ready = ready;
      ready.catch(() => {
        if (this.#ready === ready) this.#ready = undefined;
      });
    }
    return this.#ready;
  }

  private async open(): Promise<NationalHandle<T>> {
    const { hub, config, schema, migrationsFolder, tables, log } = this.options;
    const db = hub.forRegion(schema, NATIONAL_AREA, config.database.nationalUrl);
    const ran = await migrateSchema(db, migrationsFolder, schema, schema);
    if (ran.length > 0) log(`migrated ${schema}`, { migrations: ran });
    return { db, schema, tables: tables(schema) };
  }
}
