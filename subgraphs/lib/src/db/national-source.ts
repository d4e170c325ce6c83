import type { Config } from '../config.js';
import type { Log } from '../errors.js';
import type { Database, DatabaseHub } from './database.js';
import { migrateSchema } from './migrate.js';
import { Prepared } from './prepared.js';

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
  /** National data has one copy, in this schema. */
  readonly schema: string;
  readonly migrationsFolder: string;
  readonly tables: (schema: string) => T;
  readonly log: Log;
}

/**
 * The shared national source: the database at NATIONAL_DATABASE_URL (or DATABASE_URL, or the
 * embedded one), migrated by `prepare` only, as region sources are.
 */
export class NationalSource<T> {
  readonly #prepared: Prepared<typeof NATIONAL_AREA, NationalHandle<T>>;

  constructor(private readonly options: NationalSourceOptions<T>) {
    this.#prepared = new Prepared(() => this.open(), () => 'the national source', options.log, () => !options.hub.closed);
  }

  /** The source as `prepare` left it; never migrates. */
  source(): Promise<NationalHandle<T>> {
    return this.#prepared.get(NATIONAL_AREA);
  }

  /** Migrates the national source (at start, or before an import writes); a failure is logged and retried in the background. */
  async prepare(): Promise<boolean> {
    const { ready } = await this.#prepared.prepare([NATIONAL_AREA]);
    return ready.length > 0;
  }

  private async open(): Promise<NationalHandle<T>> {
    const { hub, config, schema, migrationsFolder, tables, log } = this.options;
    const db = hub.forRegion(schema, NATIONAL_AREA, config.database.nationalUrl);
    const ran = await migrateSchema(db, migrationsFolder, schema, schema);
    if (ran.length > 0) log(`migrated ${schema}`, { migrations: ran });
    return { db, schema, tables: tables(schema) };
  }
}
