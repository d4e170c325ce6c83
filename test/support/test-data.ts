import { loadConfig, type Config } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { DemoOptions, Subgraph } from '@youth-care/lib/subgraph';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * The demo data of the files whose figures rest on a fixed last month (the small data of
 * test/statements.test.ts, the learning circle, spending against budget): one image for all three.
 */
export const PINNED_DEMO = { scale: 0.01, until: '2026-06-01' } as const;

export interface TestDataOptions {
  /** A label for the test database. */
  readonly label: string;
  /** Demo data scale; 0 leaves the regions empty. */
  readonly scale?: number;
  readonly until?: string;
  /** False leaves out the demo data that takes long (the referral histories); true by default. */
  readonly history?: boolean;
  /** The regions served (REGIONS); all demo regions when left out. */
  readonly regions?: readonly RegionCode[];
  /** More environment, e.g. a region URL that points nowhere; a function gets the test database first. */
  readonly env?: Record<string, string> | ((database: TestDatabase) => Record<string, string>);
}

/** The configuration and database a test runs subgraphs on. */
export interface TestData {
  readonly config: Config;
  readonly hub: DatabaseHub;
  readonly database: TestDatabase;
  /** Migrates a subgraph's regions and fills them with the demo data asked for, where not done yet. */
  prepare(subgraph: Subgraph): Promise<void>;
  /** The SQL statements sent while `work` runs. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function openTestData(options: TestDataOptions): Promise<TestData> {
  const scale = options.scale ?? 0.02;
  const demo: DemoOptions | undefined = scale > 0 ? { scale, until: options.until } : undefined;
  const history = options.history !== false;
  const database = await createTestDatabase(options.label, { demo, history, regions: options.regions });
  const config = loadConfig({
    // The scale the demo roles (and their example viewers) are picked at.
    ...(demo ? { DEMO_SCALE: String(demo.scale) } : {}),
    ...(options.regions ? { REGIONS: options.regions.join(',') } : {}),
    // Generous, since test files run side by side on two cores; tests of timeouts set their own.
    REGION_TIMEOUT_MS: '30000',
    SUBGRAPH_TIMEOUT_MS: '30000',
    DATABASE_CONNECT_TIMEOUT_S: '2',
    ...database.env,
    ...(typeof options.env === 'function' ? options.env(database) : options.env),
  });
  const hub = new DatabaseHub(config.database, database.image);
  return {
    config,
    hub,
    database,
    async prepare(subgraph) {
      await subgraph.prepare(demo);
      if (demo && history) await subgraph.loadDemo(demo);
    },
    async countStatements(work) {
      const before = hub.statementCount;
      await work();
      return hub.statementCount - before;
    },
    async close() {
      await hub.close();
      await database.drop();
    },
  };
}
