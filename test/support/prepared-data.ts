import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { emptyClusterImage } from '@youth-care/lib/db/empty-cluster';
import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { DemoOptions } from '@youth-care/lib/subgraph';
import { MEMBERS } from '../../subgraphs/all-in-one/src/members.js';
import { compactImage } from './compact-image.js';

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
 * never see each other's rows, and no file writes a copy of a data directory to disk. Demo data is
 * filled in on the image of migrated regions, which every scale shares, instead of migrating anew.
 * With `regions`, only those get demo data: the others stay as migrated and empty.
 */
export function preparedImage(demo: DemoOptions | undefined, history = true, regions?: readonly RegionCode[]): Promise<Blob> {
  const name = demo ? `scale-${demo.scale}-until-${demo.until ?? 'now'}${history ? '' : '-no-history'}${regions ? `-${regions.join('-')}` : ''}` : 'empty';
  return image(name, async () => {
    const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://', ...(regions ? { REGIONS: regions.join(',') } : {}) });
    const hub = new DatabaseHub(config.database, await (demo ? preparedImage(undefined) : bareImage()));
    for (const member of MEMBERS) {
      const subgraph = member.create({ config, hub, log: silent });
      await subgraph.prepare(demo);
      if (demo && history) await subgraph.loadDemo(demo);
    }
    const dump = await compactImage((hub.embedded() as unknown as { $client: PGlite }).$client);
    await hub.close();
    return dump;
  });
}

/**
 * An image of a new embedded database with nothing in it: loading it costs a fraction of creating one.
 * It is the committed empty database a first start uses (unless the installed PGlite has none)
 * without the template databases, which only CREATE DATABASE reads: test files never create one
 * in the embedded database, and each would otherwise load a third of the image for nothing.
 */
export function bareImage(): Promise<Blob> {
  return image('bare', async () => {
    const committed = emptyClusterImage('memory://');
    const pglite = await PGlite.create('memory://', committed ? { loadDataDir: committed } : {});
    for (const template of ['template0', 'template1']) {
      await pglite.exec(`ALTER DATABASE ${template} IS_TEMPLATE false`);
      await pglite.exec(`DROP DATABASE ${template}`);
    }
    const dump = await compactImage(pglite);
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

/**
 * An image held in memory: PGlite reads an image whole, and a Blob hands out its bytes in chunks
 * it then joins (some 0.2 s of CPU for a test file's image); this one copies them at once. The copy
 * keeps the held bytes whole whatever the reader does with its own (a thread takes them over).
 */
class HeldImage extends Blob {
  readonly #bytes: Uint8Array<ArrayBuffer>;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    super([bytes]);
    this.#bytes = bytes;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }
}

/** Each worker's images, read once: a worker runs many test files, and an image never changes once built. */
const held = new Map<string, Promise<Blob>>();

function image(name: string, build: () => Promise<Uint8Array>): Promise<Blob> {
  const path = join(inject('preparedDataRoot'), `${name}.tar`);
  let image = held.get(path);
  if (!image) {
    image = (async () => {
      if (!existsSync(path)) await buildOnce(path, build);
      return new HeldImage(new Uint8Array(readFileSync(path)));
    })();
    image.catch(() => held.delete(path));
    held.set(path, image);
  }
  return image;
}

/** Builds the image at `path` unless another test file is building it already, in which case it waits for that one. */
async function buildOnce(path: string, build: () => Promise<Uint8Array>): Promise<void> {
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
    writeFileSync(join(building, 'image.tar'), await build());
    renameSync(join(building, 'image.tar'), path);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
