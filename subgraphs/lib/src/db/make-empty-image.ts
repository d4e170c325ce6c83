import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { IMAGES, imageFile, pgliteVersion } from './empty-cluster.js';

/**
 * `npm run db:image`: the image a new embedded database starts from (see empty-cluster.ts), made
 * with the installed PGlite; run after upgrading it. Replaces the image of any other version.
 * The cluster's three databases hold the same catalog, so a window that spans them (16 MB)
 * compresses the 40 MB image to little more than one copy.
 */
const pglite = await PGlite.create('memory://');
const image = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
await pglite.close();
const compressed = brotliCompressSync(image, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: image.length },
});
mkdirSync(IMAGES, { recursive: true });
for (const old of readdirSync(IMAGES).filter((name) => name.startsWith('empty-pglite-'))) rmSync(new URL(old, IMAGES));
const file = imageFile(pgliteVersion());
writeFileSync(file, compressed);
console.log(`${fileURLToPath(file)}: ${Math.round(compressed.length / 1024)} KB (${Math.round(image.length / 1024 / 1024)} MB unpacked)`);
