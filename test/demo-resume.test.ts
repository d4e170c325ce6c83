import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { Subgraph } from '@youth-care/lib/subgraph';
import { tableCounts } from '../subgraphs/access/src/db/import-repository.js';
import type { AccessTables } from '../subgraphs/access/src/db/schema.js';
import { createAccessSubgraph } from '../subgraphs/access/src/server.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { bareImage, unpackImage } from './support/prepared-data.js';
import { REPO } from './support/process.js';
import { startSubgraph } from './support/subgraph.js';

const REGIONS: RegionCode[] = ['JZ43', 'JZ21'];
const SCALE = 0.02;
const dirs: string[] = [];
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const database of databases) await database.drop();
});

/** Where a load keeps its data: a fresh database on TEST_DATABASE_URL, else a new, empty embedded one in a new folder. */
async function freshStore(label: string): Promise<Record<string, string>> {
  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase(label);
    databases.push(database);
    return database.env;
  }
  const dir = mkdtempSync(join(tmpdir(), `demo-resume-${label}-`));
  dirs.push(dir);
  await unpackImage(await bareImage(), join(dir, 'pglite'));
  return { EMBEDDED_DATA_DIR: join(dir, 'pglite') };
}

interface Run {
  /** Resolves once the process has logged a line containing `text`. */
  logged(text: string): Promise<void>;
  stop(signal: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * The access subgraph as its own process, loading its demo data before it listens. With
 * --liftoff-only: for two small regions, optimising the embedded database's WebAssembly costs more
 * CPU than it saves.
 */
function runAccess(store: Record<string, string>, clockShiftDays = 0): Run {
  const child = spawn(process.execPath, ['--liftoff-only', 'subgraphs/lib/src/run-typescript.mjs', '--import', 'test/support/shift-clock.ts', 'subgraphs/access/src/index.ts'], {
    cwd: REPO,
    env: { ...process.env, ...store, REGIONS: REGIONS.join(','), DEMO_SCALE: String(SCALE), ACCESS_PORT: '0', TEST_CLOCK_SHIFT_DAYS: String(clockShiftDays) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    exited,
    logged: async (text) => {
      const until = Date.now() + 180_000;
      while (!out.includes(text)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`"${text}" not logged:\n${out.slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}

/**
 * The rows of a clean load of the same demo data: the run's prepared database of that scale (see
 * test/support/prepared-data.ts), which the subgraph's own demo load filled, or on
 * TEST_DATABASE_URL a fresh database that the access subgraph loads here.
 */
async function cleanCounts(): Promise<Record<string, Record<string, number>>> {
  const access = await startSubgraph('access', { label: 'demo_resume_clean', scale: SCALE, env: { REGIONS: REGIONS.join(',') } });
  try {
    const result: Record<string, Record<string, number>> = {};
    for (const code of REGIONS) result[code] = await tableCounts(await (access.subgraph as Subgraph<AccessTables>).sources.source(code));
    return result;
  } finally {
    await access.stop();
  }
}

async function counts(store: Record<string, string>): Promise<Record<string, Record<string, number>>> {
  const config = loadConfig({ ...store, REGIONS: REGIONS.join(',') });
  const hub = new DatabaseHub(config.database);
  try {
    const access = createAccessSubgraph({ config, hub, log: () => {} });
    await access.sources.migrateAll();
    const result: Record<string, Record<string, number>> = {};
    for (const code of REGIONS) result[code] = await tableCounts(await access.sources.source(code));
    return result;
  } finally {
    await hub.close();
  }
}

describe('a demo load stopped at several points', () => {
  it('resumes on the next start, also a day later, to the same rows as a clean load', async () => {
    const expected = await cleanCounts();
    expect(expected.JZ21!.trajectories).toBeGreaterThan(100);

    const store = await freshStore('stopped');
    // kill -9 in the middle of the second region's history.
    const killed = runAccess(store);
    await killed.logged('access demo data for JZ43 {');
    await killed.logged('access demo data for JZ21: ');
    await killed.stop('SIGKILL');
    // Ctrl-C a little further on.
    const interrupted = runAccess(store);
    await interrupted.logged('access demo data for JZ21: ');
    await interrupted.stop('SIGINT');
    const partial = await counts(store);
    expect(partial.JZ43).toEqual(expected.JZ43);
    expect(partial.JZ21!.trajectories).toBeLessThan(expected.JZ21!.trajectories!);

    // The next start is a day later: the history must still be the one the first start began.
    const nextDay = runAccess(store, 1);
    await nextDay.logged('access subgraph listening');
    await nextDay.stop('SIGTERM');
    expect(await counts(store)).toEqual(expected);
  }, 600_000);
});
