import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactImage } from '../../../test/support/compact-image.js';
import { bareImage } from '../../../test/support/prepared-data.js';
import { ImageFS, writeImage } from '../src/db/image-fs.js';
import { TAR_END, tarEntries } from '../src/db/tar.js';

let image: Blob;
beforeAll(async () => {
  // The run's image of a new database without its templates: creating a database anew would take
  // seconds, and every database below loads a third less.
  const source = await PGlite.create({ loadDataDir: await bareImage() });
  await source.exec(`CREATE TABLE note (id int PRIMARY KEY, body text); INSERT INTO note SELECT n, repeat('x', n) FROM generate_series(1, 500) n`);
  image = new Blob([await compactImage(source)]);
  await source.close();
});

const opened: PGlite[] = [];
afterAll(async () => {
  for (const pglite of opened) await pglite.close();
});

async function open(): Promise<PGlite> {
  const pglite = await PGlite.create({ fs: new ImageFS(image) });
  opened.push(pglite);
  return pglite;
}

const summary = async (pglite: PGlite) =>
  (await pglite.query<{ rows: number; length: number }>('SELECT count(*)::int AS rows, sum(length(body))::int AS length FROM note')).rows[0];

describe('a database started from an image as its file system', () => {
  it('holds what the image holds', async () => {
    expect(await summary(await open())).toEqual({ rows: 500, length: 125_250 });
  });

  it('keeps its writes to itself: two databases from one image do not share files', async () => {
    const [a, b] = [await open(), await open()];
    await a.exec(`UPDATE note SET body = 'y' WHERE id <= 250; INSERT INTO note VALUES (501, 'z'); CHECKPOINT`);
    expect(await summary(a)).toEqual({ rows: 501, length: 250 + 125_250 - 31_375 + 1 });
    expect(await summary(b)).toEqual({ rows: 500, length: 125_250 });
  });

  it('dumps as an image again', async () => {
    const a = await open();
    await a.exec(`DELETE FROM note WHERE id > 10`);
    const again = await PGlite.create({ fs: new ImageFS(await a.dumpDataDir('none')) });
    opened.push(again);
    expect(await summary(again)).toEqual({ rows: 10, length: 55 });
  });
});

describe('an image written out as a data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'image-fs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is a database PGlite opens as it finds it', async () => {
    writeImage(new Uint8Array(await image.arrayBuffer()), join(dir, 'whole'));
    const pglite = await PGlite.create(join(dir, 'whole'));
    opened.push(pglite);
    expect(await summary(pglite)).toEqual({ rows: 500, length: 125_250 });
  });

  it('is refused without PG_VERSION, and what was written is not taken for a database', async () => {
    const tar = new Uint8Array(await image.arrayBuffer());
    const spans = [...tarEntries(tar)].filter((e) => e.name !== 'PG_VERSION').map((e) => tar.subarray(e.start, e.end));
    const withoutVersion = new Uint8Array(Buffer.concat([...spans, TAR_END]));
    expect(() => writeImage(withoutVersion, join(dir, 'half'))).toThrow(/PG_VERSION/);
    expect(existsSync(join(dir, 'half', 'base'))).toBe(true);
    expect(existsSync(join(dir, 'half', 'PG_VERSION'))).toBe(false);
  });
});
