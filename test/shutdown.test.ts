import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './support/federation.js';
import { startHangingServer } from './support/hanging-server.js';
import { preparedImage, unpackImage } from './support/prepared-data.js';
import { startProcess, type Started } from './support/process.js';

const QUERY = `{ regions { code providers { agbCode } } }`;
/** Without demo data the embedded database does too little for optimising its WebAssembly to pay for itself. */
const LIFTOFF_ONLY = ['--liftoff-only'];

describe('SIGTERM with requests in flight', () => {
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  let federation: Started;
  const dir = mkdtempSync(join(tmpdir(), 'shutdown-'));
  beforeAll(async () => {
    // JZ21's database never answers, so every request takes the region timeout: long enough to be in flight.
    hanging = await startHangingServer();
    // A data folder with the regions migrated already (the run's image): this is about stopping, not starting.
    await unpackImage(await preparedImage(undefined), join(dir, 'pglite'));
    federation = await startProcess([], {
      EMBEDDED_DATA_DIR: join(dir, 'pglite'),
      DEMO_DATA: 'false',
      GATEWAY_PORT: '0',
      PROCUREMENT_PORT: '0',
      ACCESS_PORT: '0',
      MONITORING_PORT: '0',
      REGISTRY_PORT: '0',
      REGION_JZ21_DATABASE_URL: `postgres://postgres@127.0.0.1:${hanging.port}/region_jz21`,
      DATABASE_CONNECT_TIMEOUT_S: '3',
      REGION_TIMEOUT_MS: '2500',
      REGION_FAILURE_THRESHOLD: '1000',
      SHUTDOWN_GRACE_MS: '10000',
    }, undefined, LIFTOFF_ONLY);
  });
  afterAll(async () => {
    federation?.child.kill('SIGKILL');
    await hanging?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every request in flight, turns /ready and new requests away with 503, then exits 0', async () => {
    const base = federation.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ subgraphs: { procurement: { state: 'up' }, access: { state: 'up' }, monitoring: { state: 'up' }, registry: { state: 'up' } } });
    // Planned once before, so the requests below reach the server at once rather than queue behind planning.
    expect((await post(federation.url, QUERY)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => federation.child.once('exit', resolve));
    const inFlight = Array.from({ length: 8 }, () => post(federation.url, QUERY).then((answer) => ({ answer, at: Date.now() })));
    await new Promise((resolve) => setTimeout(resolve, 500));
    federation.child.kill('SIGTERM');
    const signalled = Date.now();
    await federation.waitFor('received SIGTERM', 5_000);
    const draining = await fetch(`${base}/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ status: 'shutting down' });
    const late = await post(federation.url, QUERY);
    expect(late.status).toBe(503);
    expect(late.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');
    for (const { answer, at } of await Promise.all(inFlight)) {
      expect(at).toBeGreaterThan(signalled);
      expect(answer.status).toBe(200);
      expect(answer.data?.regions).toHaveLength(5);
      expect(answer.errors?.every((e) => e.extensions?.code === 'REGION_UNAVAILABLE' && e.extensions?.region === 'JZ21')).toBe(true);
    }
    expect(await exited).toBe(0);
  });
});
