// @ts-check
import { randomUUID } from 'node:crypto';
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * A build kept on disk with the files it was made from, each with its size and time of last
 * change, and used again while none of them has changed: the runner's bundles
 * (run-typescript.mjs) and the web app's assets. JavaScript, since the runner needs it before
 * any TypeScript can run.
 */

/** @param {string} file */
function stamp(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat && `${stat.size} ${stat.mtimeMs}`;
}

/**
 * Each of `files` that exists, with its stamp as it is now.
 * @param {readonly string[]} files
 * @returns {Record<string, string>}
 */
export function stampsOf(files) {
  /** @type {Record<string, string>} */
  const stamps = {};
  for (const file of files) {
    const now = stamp(file);
    if (now) stamps[file] = now;
  }
  return stamps;
}

/**
 * Whether every file is as it was when stamped.
 * @param {Readonly<Record<string, string>>} stamps
 */
export function unchanged(stamps) {
  return Object.entries(stamps).every(([file, was]) => stamp(file) === was);
}

/**
 * Written whole, then renamed: a process alongside reads the old file or the new one, never half.
 * @param {string | URL} file
 * @param {string | Uint8Array} contents
 */
export function writeWhole(file, contents) {
  const path = typeof file === 'string' ? file : fileURLToPath(file);
  const partial = `${path}.${randomUUID()}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
}
