import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, stop, version } from 'esbuild';
import { stampsOf, unchanged, writeWhole } from '@youth-care/lib/kept-build';

/** A built asset, served from memory. */
export interface Asset {
  readonly contents: Uint8Array;
  readonly type: string;
}

const SOURCES = fileURLToPath(new URL('../../web/src/', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** The last build, with the files it was built from (see cachedBundle). */
export const CACHE = join(REPO, 'node_modules/.cache/youth-care/web-assets.json');
const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
};

/**
 * Bundles the web app and the GraphQL IDE from the npm packages with esbuild, into memory: no
 * build step to forget, and nothing fetched from elsewhere at run time. esbuild builds in a child
 * process that keeps the memory it took (some 170 MB) until stopped; with nothing more to build,
 * it is stopped. Answers the files it read too.
 */
async function bundle(): Promise<{ assets: ReadonlyMap<string, Asset>; inputs: string[] }> {
  const result = await build({
    absWorkingDir: REPO,
    metafile: true,
    entryPoints: { app: `${SOURCES}main.ts`, 'app-styles': `${SOURCES}styles.css`, graphiql: `${SOURCES}graphiql.tsx` },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    outdir: '/assets',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file' },
    assetNames: '[name]-[hash]',
  }).finally(() => stop());
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const extension = file.path.slice(file.path.lastIndexOf('.'));
    assets.set(file.path.slice(file.path.indexOf('/assets/')), { contents: file.contents, type: TYPES[extension] ?? 'application/octet-stream' });
  }
  // This file too: how it builds is part of what was built.
  return { assets, inputs: [...Object.keys(result.metafile.inputs).map((input) => join(REPO, input)), fileURLToPath(import.meta.url)] };
}

export interface CachedBuild {
  readonly esbuild: string;
  /** Each file the build read, with its size and time of last change then. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly assets: readonly { path: string; type: string; base64: string }[];
}

/** Whether a kept build is what building now would give: the same esbuild, and every file it read unchanged. */
export function isCurrent(cached: CachedBuild): boolean {
  return cached.esbuild === version && unchanged(cached.inputs);
}

/**
 * The assets, from the last build while no file it read has changed since (nor esbuild), else
 * built anew and kept for the next start: a restart, and every test that starts the federation,
 * would otherwise spend a second of CPU on the same bundle. `built` says which it was.
 */
export async function cachedBundle(): Promise<{ assets: ReadonlyMap<string, Asset>; built: boolean }> {
  try {
    const cached = JSON.parse(readFileSync(CACHE, 'utf8')) as CachedBuild;
    if (isCurrent(cached)) {
      return { assets: new Map(cached.assets.map((a) => [a.path, { type: a.type, contents: Buffer.from(a.base64, 'base64') }])), built: false };
    }
  } catch {
    // No cache yet, or one that cannot be read: build.
  }
  const { assets, inputs } = await bundle();
  const cache: CachedBuild = {
    esbuild: version,
    inputs: stampsOf(inputs),
    assets: [...assets].map(([path, asset]) => ({ path, type: asset.type, base64: Buffer.from(asset.contents).toString('base64') })),
  };
  try {
    mkdirSync(dirname(CACHE), { recursive: true });
    writeWhole(CACHE, JSON.stringify(cache));
  } catch {
    // An install the process may not write to only costs the next start a build.
  }
  return { assets, built: true };
}

let built: Promise<ReadonlyMap<string, Asset>> | undefined;

export function webAssets(): Promise<ReadonlyMap<string, Asset>> {
  // A failed build (a broken source while developing) is tried again on the next request.
  built ??= cachedBundle().then(({ assets }) => assets).catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}
