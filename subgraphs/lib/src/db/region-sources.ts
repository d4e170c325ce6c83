import type { Config } from '../config.js';
import type { Log } from '../errors.js';
import type { RegionCode } from '../regions/registry.js';
import type { Database, DatabaseHub } from './database.js';
import { migrateSchema } from './migrate.js';
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
  /** The schema name drizzle-kit writes the migrations for; each region gets `<base>_<code>`. */
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
  readonly #ready = new Map<RegionCode, Promise<RegionSource<T>>>();

  constructor(private readonly options: RegionSourcesOptions<T>) {
    this.regions = options.config.regions;
    this.service = options.baseSchema;
    this.health = new RegionHealth(options.baseSchema);
  }

  serves(code: string): code is RegionCode {
    return (this.regions as readonly string[]).includes(code);
  }

  /**
   * The region's source, migrated. A region whose database could not be reached is tried again
   * on the next use, so a database that comes back needs no restart.
   */
  source(code: RegionCode): Promise<RegionSource<T>> {
    let ready = this.#ready.get(code);
    if (!ready) {
      ready = this.open(code);
      this.#ready.set(code, ready);
      ready.catch(() => this.#ready.delete(code));
    }
    return ready;
  }

  /** Migrates every served region at start; a region that fails is logged, not fatal. */
  async migrateAll(): Promise<{ ready: RegionCode[]; failed: RegionCode[] }> {
    const outcomes = await Promise.allSettled(this.regions.map((code) => this.source(code)));
    const ready: RegionCode[] = [];
    const failed: RegionCode[] = [];
    outcomes.forEach((outcome, i) => {
      const code = this.regions[i] as RegionCode;
      if (outcome.status === 'fulfilled') ready.push(code);
      else {
        failed.push(code);
        this.options.log(`region ${code} could not be migrated; it will be retried on use`, outcome.reason);
      }
    });
    return { ready, failed };
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
