import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/** The runner every npm script starts its TypeScript with, run as those scripts run it. */
const RUNNER = fileURLToPath(new URL('../src/run-typescript.mjs', import.meta.url));
const BUNDLES = fileURLToPath(new URL('../../../node_modules/.cache/youth-care/bundles/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'run-typescript-'));
// Named after the folder: bundles of entries outside the repo are named after the file alone.
const stem = `entry-${basename(dir)}`;
const entry = join(dir, `${stem}.ts`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of readdirSync(BUNDLES).filter((n) => n.includes(basename(dir)))) rmSync(join(BUNDLES, name));
});

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [RUNNER, ...args], { cwd: dir }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

const bundlesOfEntry = () => readdirSync(BUNDLES).filter((n) => n.startsWith(`${stem}-`));

describe('run-typescript.mjs', () => {
  it('runs a TypeScript entry with its arguments, after the modules named with --import, seeing its own file as import.meta.url', async () => {
    const first = join(dir, `first-${basename(dir)}.ts`);
    writeFileSync(first, `(globalThis as { firstRan?: boolean }).firstRan = true;\n`);
    writeFileSync(
      entry,
      `const typed: string[] = process.argv.slice(2);\n` +
        `console.log(JSON.stringify({ args: typed, program: process.argv[1], url: import.meta.url, first: (globalThis as { firstRan?: boolean }).firstRan }));\n`,
    );
    const { code, stdout } = await run('--import', first, entry, 'a', '--b');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ args: ['a', '--b'], program: entry, url: pathToFileURL(entry).href, first: true });
  });

  it('fails with the error and where it was thrown in the TypeScript source', async () => {
    const failing = join(dir, `failing-${basename(dir)}.ts`);
    writeFileSync(failing, `const reason: string = 'no such region';\nthrow new Error(reason);\n`);
    const { code, stderr } = await run(failing);
    expect(code).toBe(1);
    expect(stderr).toContain('Error: no such region');
    expect(stderr).toContain(`${failing}:2:`);
  });

  it('takes away an entry point’s bundle of earlier code once it bundles new code', async () => {
    writeFileSync(entry, `console.log('one');\n`);
    expect((await run(entry)).stdout).toBe('one\n');
    const [earlier] = bundlesOfEntry().filter((n) => n.endsWith('.mjs'));
    expect(earlier).toBeDefined();
    // As if bundled a while ago: one bundled just now may be about to be loaded by another process.
    const old = new Date(Date.now() - 120_000);
    for (const name of bundlesOfEntry()) utimesSync(join(BUNDLES, name), old, old);
    writeFileSync(entry, `console.log('two');\n`);
    expect((await run(entry)).stdout).toBe('two\n');
    expect(existsSync(join(BUNDLES, earlier!))).toBe(false);
    expect(bundlesOfEntry()).toHaveLength(1);
  });

  it('runs the kept bundle, without bundling, while the files it was made from are unchanged', async () => {
    writeFileSync(entry, `console.log('three');\n`);
    expect((await run(entry)).stdout).toBe('three\n');
    // A run that bundles writes the list of the files the bundle was made from anew.
    const list = join(BUNDLES, `${stem}.json`);
    const old = new Date(Date.now() - 120_000);
    utimesSync(list, old, old);
    expect((await run(entry)).stdout).toBe('three\n');
    expect(statSync(list).mtimeMs).toBeLessThan(Date.now() - 60_000);
    const later = new Date(Date.now() + 5_000);
    utimesSync(entry, later, later);
    expect((await run(entry)).stdout).toBe('three\n');
    expect(statSync(list).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });
});
