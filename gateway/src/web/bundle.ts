import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

/** A built asset, served from memory. */
export interface Asset {
  readonly contents: Uint8Array;
  readonly type: string;
}

const SOURCES = fileURLToPath(new URL('../../web/src/', import.meta.url));
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
 * build folder to go stale, and nothing fetched from elsewhere at run time. Built once per
 * process, on first use. esbuild builds in a child process that keeps the memory it took (some
 * 170 MB) until stopped; with nothing more to build, it is stopped.
 */
async function bundle(): Promise<ReadonlyMap<string, Asset>> {
  const result = await build({
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
  return assets;
}

let built: Promise<ReadonlyMap<string, Asset>> | undefined;

export function webAssets(): Promise<ReadonlyMap<string, Asset>> {
  // A failed build (a broken source while developing) is tried again on the next request.
  built ??= bundle().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}
