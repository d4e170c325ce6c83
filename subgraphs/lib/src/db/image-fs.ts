import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFS } from '@electric-sql/pglite';
import { tarEntries } from './tar.js';

/** Where PGlite keeps its data folder inside its file system. */
const PGDATA = '/pglite/data';

/** The part of Emscripten's file system API this needs. */
interface EmscriptenFs {
  mkdirTree(path: string): void;
  createDataFile(parent: string, name: string, data: Uint8Array, canRead: boolean, canWrite: boolean, canOwn: boolean): void;
}

/**
 * An in-memory data folder that starts as an image (a tar, as dumpDataDir writes it). PGlite's own
 * loadDataDir looks up every parent folder of every file and copies each file's bytes twice: some
 * 0.4 s of CPU for each database a test file starts from a prepared image. Here each folder is
 * made once and each file keeps its bytes where they lie in the image, whose buffer the file
 * system owns from then on (a Blob hands out a new buffer on every read).
 */
export class ImageFS extends MemoryFS {
  constructor(private readonly image: Blob) {
    super();
  }

  override async initialSyncFs(): Promise<void> {
    const fs = (this.pg as unknown as { Module: { FS: EmscriptenFs } }).Module.FS;
    const folders = new Set<string>();
    const folder = (path: string) => {
      if (folders.has(path)) return;
      fs.mkdirTree(path);
      folders.add(path);
    };
    folder(PGDATA);
    for (const { name, kind, data } of tarEntries(new Uint8Array(await this.image.arrayBuffer()))) {
      const path = `${PGDATA}/${name}`;
      if (kind === 'folder') folder(path);
      else if (kind === 'file') {
        const slash = path.lastIndexOf('/');
        folder(path.slice(0, slash));
        fs.createDataFile(path.slice(0, slash), path.slice(slash + 1), data, true, true, true);
      }
    }
  }
}

/**
 * Writes an image out as the data folder `dir`, which PGlite then opens as it found it: through
 * its own loadDataDir each file went through Emscripten's file system to Node's, some 0.4 s of
 * CPU for a new database's 1,700 files. PG_VERSION comes last, so a folder left half-written
 * (the process stopped) is not taken for a database, and is written anew on the next start.
 */
export function writeImage(image: Uint8Array, dir: string): void {
  let version: Uint8Array | undefined;
  for (const { name, kind, data } of tarEntries(image)) {
    const path = join(dir, name);
    if (kind === 'folder') mkdirSync(path, { recursive: true });
    else if (kind === 'file' && name === 'PG_VERSION') version = data;
    else if (kind === 'file') {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, data);
    }
  }
  if (!version) throw new Error('the image holds no PG_VERSION: it is not a database');
  writeFileSync(join(dir, 'PG_VERSION'), version);
}
