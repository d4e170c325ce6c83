import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import { MEMBERS } from '../../subgraphs/all-in-one/src/members.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this run's prepared embedded databases (see test/support/global-setup.ts). */
    preparedDataRoot: string;
  }
}

const silent = () => {};

/**
 * An embedded data directory of its own for one test file, with every subgraph's regions
 * migrated and, with `demo`, filled with that demo data.
 *
 * Generating demo data takes most of a test file's start, and the data is the same for the same
 * scale and end month. So the first file of the run to ask for a scale builds it once, in a
 * directory no file writes to, and every file gets a copy: files still never see each other's rows.
 */
export async function preparedDataDir(demo: DemoOptions | undefined, history = true): Promise<{ dir: string; remove(): void }> {
  const root = inject('preparedDataRoot');
  const master = join(root, demo ? `scale-${demo.scale}-until-${demo.until ?? 'now'}${history ? '' : '-no-history'}` : 'empty');
  if (!existsSync(master)) await buildOnce(master, demo, history);
  const copy = mkdtempSync(join(root, 'copy-'));
  cpSync(master, copy, { recursive: true });
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}

/** Builds `master` unless another test file is building it already, in which case it waits for that one. */
async function buildOnce(master: string, demo: DemoOptions | undefined, history: boolean): Promise<void> {
  const building = `${master}.building`;
  try {
    mkdirSync(building);
  } catch {
    while (!existsSync(master)) {
      if (!existsSync(building)) throw new Error(`building ${master} failed in another test file`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return;
  }
  try {
    // Generated in memory, many times faster than on disk, then written to disk in one go.
    const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://' });
    const hub = new DatabaseHub(config.database);
    for (const member of MEMBERS) {
      const subgraph = member.create({ config, hub, log: silent });
      await subgraph.prepare(demo);
      if (demo && history) await subgraph.loadDemo(demo);
    }
    const dump = await (hub.embedded() as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    await hub.close();
    const disk = await PGlite.create(join(building, 'pglite'), { loadDataDir: dump });
    await disk.close();
    renameSync(join(building, 'pglite'), master);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
