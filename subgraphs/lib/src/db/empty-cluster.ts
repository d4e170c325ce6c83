import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

/**
 * PGlite creates a database with initdb, which takes some 700 MB of memory for a while: more
 * than all the rest of a first start. Loading an image of a new, empty database (PGlite's
 * dumpDataDir of one) takes a fraction, so a new embedded database starts from that image,
 * committed next to this package (`npm run db:image` makes it). The image is named for the
 * PGlite version that made it, and only that version loads it: with another one installed the
 * database is created as PGlite does, until the image is made anew.
 */
export const IMAGES = new URL('../../images/', import.meta.url);

/** The installed PGlite's version; its package exports no package.json, so it is read beside its entry point. */
export function pgliteVersion(): string {
  const manifest = new URL('../package.json', import.meta.resolve('@electric-sql/pglite'));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export const imageFile = (version: string): URL => new URL(`empty-pglite-${version}.tar.br`, IMAGES);

/** The image (a tar) an embedded database in `dataDir` starts from: the empty one when it is new, else none. */
export function emptyClusterTar(dataDir: string): Uint8Array<ArrayBuffer> | undefined {
  if (!dataDir.startsWith('memory://') && existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  const file = imageFile(pgliteVersion());
  return existsSync(file) ? new Uint8Array(brotliDecompressSync(readFileSync(file))) : undefined;
}

/** emptyClusterTar as PGlite takes an image. */
export function emptyClusterImage(dataDir: string): Blob | undefined {
  const tar = emptyClusterTar(dataDir);
  return tar && new Blob([tar]);
}
