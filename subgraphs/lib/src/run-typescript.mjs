// @ts-check
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stampsOf, unchanged, writeWhole } from './kept-build.mjs';

/*
 * Runs the project's TypeScript: `node subgraphs/lib/src/run-typescript.mjs [--import <first.ts>]
 * <entry.ts> [args]`, for every npm script, and for the worker threads (see ts-worker.ts). Like
 * node's own --import, a module named with --import runs before the entry. It is JavaScript
 * because it is what makes TypeScript run.
 *
 * esbuild bundles the project's own modules into one file, leaving the npm packages to Node. A
 * module hook (tsx) would do without the bundle, but every import of every package then passes
 * through the hook's thread: that took some 1 s of CPU per process and 0.7 s per worker thread,
 * where bundling takes about 0.1 s. A bundle is kept with the files it was made from; while none
 * of them has changed, the next start loads it without esbuild.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Inside the repo, so that the bundle's imports of packages resolve from its node_modules. */
const BUNDLES = new URL('node_modules/.cache/youth-care/bundles/', pathToFileURL(REPO));
const OWN_PACKAGE = '@youth-care/';
/** A bundle this much older than an entry point's new one is from earlier code: no process is still about to load it. */
const STALE_MS = 60_000;
const TYPESCRIPT = /\.tsx?$/;
const THIS_FILE = /\/run-typescript\.mjs$/;

/** @type {import('esbuild').Plugin} */
const projectOnly = {
  name: 'project-only',
  setup(b) {
    // npm packages stay outside the bundle (Node loads them as it would); the shared library is the project's own.
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith(OWN_PACKAGE) ? undefined : { path: args.path, external: true }));
    // A module that imports this file gets this file, where it is, as Node loads it.
    b.onResolve({ filter: THIS_FILE }, (args) => ({ path: pathToFileURL(resolve(args.resolveDir, args.path)).href, external: true }));
    // Each module finds its files (migrations, images, worker modules) next to its source, not next to the bundle.
    b.onLoad({ filter: TYPESCRIPT }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const contents = source
        .replaceAll('import.meta.url', url)
        .replaceAll('import.meta.resolve(', `((specifier) => (specifier.startsWith('.') ? new URL(specifier, ${url}).href : import.meta.resolve(specifier)))(`);
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/**
 * What an entry point's bundles are named after: its path in the repo (two entry points may
 * both be index.ts), or its file name outside it.
 * @param {string} path
 */
function stemOf(path) {
  const inRepo = relative(REPO, path);
  return (inRepo.startsWith('..') ? basename(path) : inRepo).replace(TYPESCRIPT, '').replaceAll(sep, '.');
}

/**
 * The bundle kept for the entry point, while every file it was made from is as it was then.
 * @param {string} stem
 * @returns {URL | undefined}
 */
function keptBundle(stem) {
  try {
    const kept = /** @type {{ bundle: string; inputs: Record<string, string> }} */ (JSON.parse(readFileSync(new URL(`${stem}.json`, BUNDLES), 'utf8')));
    const file = new URL(kept.bundle, BUNDLES);
    return existsSync(file) && unchanged(kept.inputs) ? file : undefined;
  } catch {
    // None kept yet, or unreadable: bundle.
    return undefined;
  }
}

/**
 * Bundles the TypeScript module at `path` and answers the bundle's file: URL. Bundles are named
 * by their contents, so a bundle is written once and never changes.
 * @param {string} path
 * @param {string} stem
 * @returns {Promise<string>}
 */
async function bundle(path, stem) {
  const { build, stop } = await import('esbuild');
  const result = await build({
    entryPoints: [path],
    absWorkingDir: REPO,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    outdir: fileURLToPath(BUNDLES),
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'error',
    plugins: [projectOnly],
  }).finally(() => stop());
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild gave no bundle for ${path}`);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = new URL(`${stem}-${hash}.mjs`, BUNDLES);
  mkdirSync(BUNDLES, { recursive: true });
  const fresh = !existsSync(file);
  if (fresh) writeWhole(file, code);
  // This file too: how it bundles is part of what was bundled.
  const inputs = stampsOf([...Object.keys(result.metafile.inputs).map((i) => resolve(REPO, i)), fileURLToPath(import.meta.url)]);
  writeWhole(new URL(`${stem}.json`, BUNDLES), JSON.stringify({ bundle: basename(fileURLToPath(file)), inputs }));
  if (fresh) removeStale(stem);
  return file.href;
}

/**
 * Takes away the entry point's bundles of earlier code, so that edits do not pile bundles up. A
 * process that loaded one has it in memory; its worker threads bundle their modules anew.
 * @param {string} stem
 */
function removeStale(stem) {
  const ofEntry = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9a-f]{16}\\.mjs`);
  const before = Date.now() - STALE_MS;
  for (const name of readdirSync(BUNDLES)) {
    const old = new URL(name, BUNDLES);
    if (ofEntry.test(name) && (statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? before) < before) rmSync(old, { force: true });
  }
}

/**
 * Imports (and so runs) the TypeScript module at `entry` (a path or a file: URL) in this thread,
 * with stack traces pointing into its sources, and answers its exports.
 * @param {string} entry
 * @returns {Promise<Record<string, unknown>>}
 */
export async function importTypeScript(entry) {
  const path = entry.startsWith('file:') ? fileURLToPath(entry) : resolve(entry);
  const stem = stemOf(path);
  const url = keptBundle(stem)?.href ?? (await bundle(path, stem));
  process.setSourceMapsEnabled(true);
  return import(url);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const first = [];
  while (process.argv[2] === '--import' && process.argv[3]) first.push(...process.argv.splice(2, 2).slice(1));
  const entry = process.argv[2];
  if (!entry) {
    console.error('usage: node subgraphs/lib/src/run-typescript.mjs [--import <first.ts>] <entry.ts> [arguments]');
    process.exit(2);
  }
  // The entry sees itself as the program, and its own arguments after it, as under `node file.js`.
  process.argv.splice(1, 2, resolve(entry));
  // Not awaited here: a module of the entry may import this file, which must have loaded by then.
  void (async () => {
    for (const module of first) await importTypeScript(module);
    await importTypeScript(entry);
  })();
}
