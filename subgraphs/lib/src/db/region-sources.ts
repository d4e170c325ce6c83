import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Log } from '../errors.js';
import type { RegionCode } from '../regions/registry.js';
import type { Database, DatabaseHub } from './database.js';
import { migrateSchema } from './migrate.js';
import { Prepared } from './prepared.js';
import { RegionBreaker } from './region-breaker.js';
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
  /** The regions whose data this subgraph keeps; every served region when left out. */
  readonly regions?: readonly RegionCode[];
  /** What a region needs once its migrations ran, before it is read (figures a migration's new table keeps). */
  afterMigrations?(source: RegionSource<T>): Promise<void>;
}

const EMBEDDED = 'embedded';
/** The region label of statements that answer several regions at once. */
export const SHARED = 'shared';

export class RegionSources<T> {
  readonly regions: readonly RegionCode[];
  /** The subgraph these sources belong to, as metrics and traces name it. */
  readonly service: string;
  readonly health: RegionHealth;
  /** Which regions are known to be down, and the probes that find out when they are back. */
  readonly breaker: RegionBreaker;
  readonly #prepared: Prepared<RegionCode, RegionSource<T>>;

  constructor(private readonly options: RegionSourcesOptions<T>) {
    this.regions = options.regions ?? options.config.regions;
    this.service = options.baseSchema;
    this.health = new RegionHealth(options.baseSchema);
    this.#prepared = new Prepared((code) => this.open(code), (code) => `region ${code}`, options.log, () => !options.hub.closed);
    const { regionFailureThreshold, regionProbeIntervalMs, regionTimeoutMs } = options.config;
    this.breaker = new RegionBreaker((code) => this.source(code).then((source) => source.db.execute(sql`SELECT 1`)), {
      failureThreshold: regionFailureThreshold,
      probeIntervalMs: regionProbeIntervalMs,
      probeTimeoutMs: regionTimeoutMs,
      log: options.log,
      health: this.health,
    });
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

  /**
   * Regions by the database they share, each group with one handle for the statements that answer
   * all of its regions at once (their metrics and spans under the region "shared").
   */
  byDatabase(codes: readonly RegionCode[]): { db: Database; embedded: boolean; codes: RegionCode[] }[] {
    const groups = new Map<string, RegionCode[]>();
    for (const code of codes) {
      const url = this.options.config.database.regionUrls[code] ?? EMBEDDED;
      const group = groups.get(url);
      if (group) group.push(code);
      else groups.set(url, [code]);
    }
    return [...groups].map(([url, group]) => ({
      db: this.options.hub.forRegion(this.service, SHARED, url === EMBEDDED ? undefined : url),
      embedded: url === EMBEDDED,
      codes: group,
    }));
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
    const source = { code, db, schema, tables: tables(schema) };
    await this.options.afterMigrations?.(source);
    return source;
  }
}
