import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from './support/federation.js';
import { startHangingServer } from './support/hanging-server.js';
import { startProxy, type KillableProxy } from './support/tcp-proxy.js';

const QUERY = `{ regions { code contracts { id } } }`;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const began = performance.now();
  const value = await work();
  return { ms: performance.now() - began, value };
}

const errorOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }, region: string) =>
  answer.errors?.find((e) => e.extensions?.region === region);

describe('a region that keeps timing out', () => {
  let fed: Federation;
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  beforeAll(async () => {
    hanging = await startHangingServer();
    fed = await startFederation({
      label: 'breaker_hanging',
      scale: 0.02,
      env: {
        REGION_JZ21_DATABASE_URL: `postgres://postgres@127.0.0.1:${hanging.port}/region_jz21`,
        REGION_TIMEOUT_MS: '400',
        REGION_FAILURE_THRESHOLD: '2',
        REGION_PROBE_INTERVAL_MS: '60000',
      },
    });
  });
  afterAll(async () => {
    await fed?.stop();
    await hanging?.close();
  });

  it('is skipped at once with REGION_UNAVAILABLE and a retry time after repeated failures', async () => {
    for (let i = 0; i < 2; i++) {
      const { ms, value } = await timed(() => fed.query(QUERY));
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(errorOf(value, 'JZ21')?.extensions?.code).toBe('REGION_UNAVAILABLE');
    }
    const { ms, value } = await timed(() => fed.query(QUERY));
    expect(ms).toBeLessThan(400);
    const error = errorOf(value, 'JZ21');
    expect(error?.extensions).toMatchObject({ code: 'REGION_UNAVAILABLE', region: 'JZ21', retryAt: expect.any(String) });
    expect(Date.parse(String(error?.extensions?.retryAt))).toBeGreaterThan(Date.now());
    const others = value.data.regions.filter((r: { code: string }) => r.code !== 'JZ21');
    for (const region of others) expect(region.contracts.length).toBeGreaterThan(0);
  });
});

// Stopping and starting a database needs a server, with a proxy in front that can stop answering.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a region database that stops and comes back', () => {
  let fed: Federation;
  let proxy: KillableProxy;
  beforeAll(async () => {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await startProxy(Number(server.port || 5432), server.hostname);
    fed = await startFederation({
      label: 'breaker_proxy',
      scale: 0.02,
      env: (database) => {
        const url = new URL(database.env.DATABASE_URL!);
        url.host = `127.0.0.1:${proxy.port}`;
        return { REGION_JZ43_DATABASE_URL: url.toString(), REGION_TIMEOUT_MS: '2000', REGION_FAILURE_THRESHOLD: '2', REGION_PROBE_INTERVAL_MS: '500' };
      },
    });
  });
  afterAll(async () => {
    await fed?.stop();
    await proxy?.close();
  });

  it('is skipped while down, probed in the background, and answers again within 5 s of coming back', async () => {
    expect(errorOf(await fed.query(QUERY), 'JZ43')).toBeUndefined();
    await proxy.kill();
    for (let i = 0; i < 2; i++) expect(errorOf(await fed.query(QUERY), 'JZ43')?.extensions?.code).toBe('REGION_UNAVAILABLE');
    const skipped = await fed.query(QUERY);
    expect(errorOf(skipped, 'JZ43')?.extensions?.retryAt).toEqual(expect.any(String));
    await proxy.revive();
    const back = Date.now();
    let answer = await fed.query(QUERY);
    while (errorOf(answer, 'JZ43') && Date.now() - back < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await fed.query(QUERY);
    }
    expect(errorOf(answer, 'JZ43')).toBeUndefined();
    expect(Date.now() - back).toBeLessThan(5_000);
    expect(answer.data.regions.find((r: { code: string }) => r.code === 'JZ43').contracts.length).toBeGreaterThan(0);
  });
});
