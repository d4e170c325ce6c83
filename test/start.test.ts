import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { post } from './support/federation.js';
import { startProcess, type Started } from './support/process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'federation-start-'));
const env = {
  EMBEDDED_DATA_DIR: join(dataDir, 'pglite'),
  GATEWAY_PORT: '0',
  PROCUREMENT_PORT: '0',
  ACCESS_PORT: '0',
  MONITORING_PORT: '0',
  REGISTRY_PORT: '0',
  // The smallest demo: this is about starting, restarting and resetting, not about volume.
  DEMO_SCALE: '0.001',
};
/**
 * For the few hundred rows of the smallest demo, optimising the embedded database's WebAssembly
 * costs more CPU than it saves (as in import-resume.test.ts).
 */
const NODE_FLAGS = ['--liftoff-only'];
const started: Started[] = [];
/** Starts `npm start` on this file's data folder; killed after the test if the test ends before it stops. */
async function start(args: string[]): Promise<Started> {
  const running = await startProcess(args, env, undefined, NODE_FLAGS);
  started.push(running);
  return running;
}
// A test that fails leaves no process behind for the next to share the data folder with.
afterEach(async () => {
  for (const { child } of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const QUERY = `{ regions { code providers { agbCode } } }`;

describe('npm start', () => {
  it('starts the federation with demo data, answers, and stops cleanly on Ctrl-C', async () => {
    const first = await start([]);
    const { data, errors } = await post(first.url, QUERY);
    expect(errors).toBeUndefined();
    expect(data.regions).toHaveLength(5);
    expect(first.output()).toMatch(/demo data for JZ34/);
    expect(first.output()).toMatch(/curl/);
    await first.waitFor('all demo data in place');
    expect(first.output()).toMatch(/access demo data for JZ34/);
    expect(await first.interrupt()).toBe(0);
  });

  it('restarts on the same data without generating it again, and --reset starts afresh', async () => {
    const again = await start([]);
    await again.waitFor('all demo data in place');
    expect(again.output()).not.toMatch(/demo data for/);
    const answer = await post(again.url, QUERY);
    expect(answer.data.regions[0].providers.length).toBeGreaterThan(0);
    expect(await again.interrupt()).toBe(0);

    const reset = await start(['--reset']);
    expect(reset.output()).toMatch(/removed/);
    expect(reset.output()).toMatch(/demo data for JZ21/);
    expect(await reset.interrupt()).toBe(0);
  });
});
