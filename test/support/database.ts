import postgres from 'postgres';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import { bareImage, preparedImage } from './prepared-data.js';

/**
 * Where tests keep their data. Without TEST_DATABASE_URL: the embedded database, in memory,
 * started from an image of a new database or, when `prepared` is given, of one already migrated
 * and filled with that demo data. With it: a fresh database on that server for each test file, dropped afterwards (the
 * subgraphs migrate and fill it), so files running side by side never see each other's rows.
 */
export interface TestDatabase {
  readonly env: Record<string, string>;
  /** The image the embedded database starts from (see prepared-data.ts). */
  readonly image?: Blob;
  readonly mode: 'embedded' | 'server';
  drop(): Promise<void>;
}

export async function createTestDatabase(
  label: string,
  prepared?: { demo: DemoOptions | undefined; history?: boolean; regions?: readonly RegionCode[] },
): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  // Prepared images come from the test run's global setup; a benchmark runs outside vitest and generates its own.
  if (!serverUrl && prepared && process.env.VITEST) {
    const image = await preparedImage(prepared.demo, prepared.history ?? true, prepared.regions);
    return { env: { EMBEDDED_DATA_DIR: 'memory://' }, image, mode: 'embedded', drop: async () => {} };
  }
  if (!serverUrl) {
    const image = process.env.VITEST ? await bareImage() : undefined;
    return { env: { EMBEDDED_DATA_DIR: 'memory://' }, image, mode: 'embedded', drop: async () => {} };
  }
  const name = `yc_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { EMBEDDED_DATA_DIR: 'memory://', DATABASE_URL: url.toString() },
    mode: 'server',
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
