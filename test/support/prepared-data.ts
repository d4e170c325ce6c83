import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openAsBlob, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { emptyClusterImage } from '@youth-care/lib/db/empty-cluster';
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
 * An image of an embedded database with every subgraph's regions migrated and, with `demo`,
 * filled with that demo data, for a test file to start its own in-memory database from.
 *
 * Generating demo data takes most of a test file's start, and the data is the same for the same
 * scale and end month. So the first file of the run to ask for a scale builds it once, as a dump
 * no file writes to, and every file loads it into an in-memory database of its own: files still
 * never see each other's rows, and no file writes a copy of a data directory to disk.
 */
export function preparedImage(demo: DemoOptions | undefined, history = true): Promise<Blob> {
  return image(demo ? `scale-${demo.scale}-until-${demo.until ?? 'now'}${history ? '' : '-no-history'}` : 'empty', async () => {
    const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://' });
    const hub = new DatabaseHub(config.database, await bareImage());
    for (const member of MEMBERS) {
      const subgraph = member.create({ config, hub, log: silent });
      await subgraph.prepare(demo);
      if (demo && history) await subgraph.loadDemo(demo);
    }
    const dump = await (hub.embedded() as unknown as { $client: PGlite }).$client.dumpDataDir('none');
    await hub.close();
    return dump;
  });
}

/**
 * An image of a new embedded database with nothing in it: loading it costs a fraction of creating one.
 * It is the committed empty database a first start uses, unless the installed PGlite has none.
 */
export function bareImage(): Promise<Blob> {
  return image('bare', async () => {
    const committed = emptyClusterImage('memory://');
    if (committed) return committed;
    const pglite = await PGlite.create('memory://');
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    return dump;
  });
}

/**
 * Writes an image out as the data folder `dir`, for a process that opens the embedded database
 * from a folder: it starts at once, without creating a database first.
 */
export async function unpackImage(image: Blob, dir: string): Promise<void> {
  const tar = `${dir}.tar`;
  writeFileSync(tar, Buffer.from(await image.arrayBuffer()));
  mkdirSync(dir, { recursive: true });
  const untar = spawnSync('tar', ['-xf', tar, '-C', dir]);
  rmSync(tar);
  if (untar.status !== 0) throw new Error(`tar could not unpack ${tar}: ${untar.stderr.toString()}`);
}

async function image(name: string, build: () => Promise<Blob>): Promise<Blob> {
  const path = join(inject('preparedDataRoot'), `${name}.tar`);
  if (!existsSync(path)) await buildOnce(path, build);
  return openAsBlob(path);
}

/** Builds the image at `path` unless another test file is building it already, in which case it waits for that one. */
async function buildOnce(path: string, build: () => Promise<Blob>): Promise<void> {
  const building = `${path}.building`;
  try {
    mkdirSync(building);
  } catch {
    while (!existsSync(path)) {
      if (!existsSync(building)) throw new Error(`building ${path} failed in another test file`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return;
  }
  try {
    const dump = await build();
    writeFileSync(join(building, 'image.tar'), Buffer.from(await dump.arrayBuffer()));
    renameSync(join(building, 'image.tar'), path);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
