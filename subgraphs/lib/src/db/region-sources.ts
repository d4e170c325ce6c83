import type { Config } from '../config.js';
import type { Log } from '../errors.js';
import type { RegionCode } from '../regions/registry.js';
import type { Database, DatabaseHub } from './database.js';
import { migrateSchema } from './migrate.js';
import { Prepared } from './prepared.js';
import { RegionHealth } from './region-health.js';

/** One region's data for one subgraph: its database, its own schema, and the tables in it. */
export interface RegionSource<T> {
  readonly code: RegionCode;
  readonly db: Database;
  readonly schema: string;
  readonly tables: T;
}

export interface RegionSourcesOptions<T> {
  readonly hub: DatabaseHub;
  readonly config: Config;
  /** The subgraph's schema name; each region's tables live in `<base>_<code>`. */
  readonly baseSchema: string;
  readonly migrationsFolder: string;
  readonly tables: (schema: string) => T;
  readonly log: Log;
}

export class RegionSources<T> {
  readonly regions: readonly RegionCode[];
  /** The subgraph these sources belong to, as metrics and traces name it. */
  readonly service: string;
  readonly health: RegionHealth;
  readonly #prepared: Prepared<RegionCode, RegionSource<T>>;

  constructor(private readonly options: RegionSourcesOptions<T>) {
    this.regions = options.config.regions;
    this.service = options.baseSchema;
    this.health = new RegionHealth(options.baseSchema);
    this.#prepared = new Prepared((code) => this.open(code), (code) => `region ${code}`, options.log, () => !options.hub.closed);
  }

  serves(code: string): code is RegionCode {
    return (this.regions as readonly string[]).includes(code);
  }

  /** The region's source as `migrateAll` prepared it; never migrates (see Prepared). */
  source(code: RegionCode): Promise<RegionSource<T>> {
    return this.#prepared.get(code);
  }

  /** The region's source if it is prepared, else undefined at once: what demo seeding fills. */
  prepared(code: RegionCode): RegionSource<T> | undefined {
    return this.#prepared.now(code);
  }

  /** Migrates every served region (at start); a region that fails is logged, not fatal, and retried in the background. */
  migrateAll(): Promise<{ ready: RegionCode[]; failed: RegionCode[] }> {
    return this.#prepared.prepare(this.regions);
  }

  private async open(code: RegionCode): Promise<RegionSource<T>> {
    const { hub, config, baseSchema, migrationsFolder, tables, log } = this.options;
    const db = hub.forRegion(this.service, code, config.database.regionUrls[code]);
    const schema = `${baseSchema}_${code.toLowerCase()}`;
    const ran = await migrateSchema(db, migrationsFolder, baseSchema, schema);
    if (ran.length > 0) log(`migrated ${schema}`, { migrations: ran });
    return { code, db, schema, tables: tables(schema) };
  }
}
