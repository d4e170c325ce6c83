import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/src/gateway.js';
import { loadConfig } from '@youth-care/lib/config';
import { ADMIN, post, startFederation, supergraphAt, type Federation, type GraphQLResponse } from './support/federation.js';
import { startHangingServer } from './support/hanging-server.js';

const REGION_FIELDS = `{ regions { code name contracts { id } waitingTimeSummary { providersReporting { value } } } }`;

describe('a region whose database is down', () => {
  let fed: Federation;
  beforeAll(async () => {
    // Nothing listens on port 1: the connection is refused at once.
    fed = await startFederation({ label: 'region_down', env: { REGION_JZ43_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/region_jz43' } });
  });
  afterAll(() => fed?.stop());

  it('is reported as REGION_UNAVAILABLE at its own fields while the other regions answer', async () => {
    const { data, errors } = await fed.query(REGION_FIELDS);
    const byCode = Object.fromEntries(data.regions.map((r: { code: string }) => [r.code, r]));
    expect(byCode.JZ43).toMatchObject({ name: 'Midden-Limburg West', contracts: null, waitingTimeSummary: null });
    for (const code of ['JZ35', 'JZ33', 'JZ21', 'JZ34']) expect(byCode[code].contracts.length).toBeGreaterThan(0);
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'REGION_UNAVAILABLE', region: 'JZ43' });
      expect(error.path?.[1]).toBe(3);
    }
  });

  it('is reported once when a read merges all regions, with the rest of the answer', async () => {
    const { data, errors } = await fed.query(`{ providers { agbCode contracts { id } } }`);
    expect(data.providers.length).toBeGreaterThan(0);
    const unavailable = (errors ?? []).filter((e) => e.extensions?.code === 'REGION_UNAVAILABLE');
    expect(unavailable).toHaveLength(1);
    expect(unavailable[0]?.extensions?.region).toBe('JZ43');
    expect(JSON.stringify(errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });

  // After the reads above it has failed often enough for the breaker to skip it.
  it('shows in the subgraph readiness, which stays ready for the other regions', async () => {
    const ready = await fetch(fed.procurement.url.replace(/\/graphql$/, '/ready'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', regions: { JZ43: { state: expect.stringMatching(/^(down|skipped)$/), lastError: expect.stringMatching(/^(failed|timed out|not prepared)$/) }, JZ21: { state: 'up' } } });
  });
});

describe('a region whose database does not answer in time', () => {
  let fed: Federation;
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  beforeAll(async () => {
    hanging = await startHangingServer();
    fed = await startFederation({
      label: 'region_slow',
      env: { REGION_JZ21_DATABASE_URL: `postgres://postgres@127.0.0.1:${hanging.port}/region_jz21`, REGION_TIMEOUT_MS: '500' },
    });
  });
  afterAll(async () => {
    await fed?.stop();
    await hanging?.close();
  });

  it('times out as REGION_UNAVAILABLE and the others still answer', async () => {
    const started = Date.now();
    const { data, errors } = await fed.query(REGION_FIELDS);
    expect(Date.now() - started).toBeLessThan(2_500);
    const jz21 = data.regions.find((r: { code: string }) => r.code === 'JZ21');
    expect(jz21.contracts).toBeNull();
    expect(errors?.[0]).toMatchObject({ extensions: { code: 'REGION_UNAVAILABLE', region: 'JZ21' } });
    expect(errors?.[0]?.message).toMatch(/timed out/);
    expect(data.regions.find((r: { code: string }) => r.code === 'JZ34').contracts.length).toBeGreaterThan(0);
  });
});

describe('a subgraph that is down or slow', () => {
  let fed: Federation;
  beforeAll(async () => {
    fed = await startFederation({ label: 'subgraph_down', scale: 0.02 });
  });
  afterAll(() => fed?.stop());

  // Regions come from the registry; contracts from procurement, the subgraph that fails.
  const ACROSS = `{ regions { code name accessStatistics { dropout { of } } contracts { id } } }`;

  function expectPartial(response: GraphQLResponse<any>) {
    expect(response.status).toBe(200);
    expect(response.data.regions).toHaveLength(5);
    for (const region of response.data.regions) {
      expect(region.accessStatistics.dropout.of).toBeGreaterThanOrEqual(0);
      expect(region.contracts).toBeNull();
    }
    const unavailable = (response.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
    expect(unavailable.length).toBeGreaterThan(0);
    for (const e of unavailable) expect(e.extensions?.serviceName).toBe('procurement');
  }

  it('gives the other subgraphs\' data and an error naming the one that does not answer in time', async () => {
    const hanging = await startHangingServer();
    // Long enough for the other subgraphs' first answer on a busy machine; the hanging one never answers.
    const config = loadConfig({ SUBGRAPH_TIMEOUT_MS: '1500' });
    const supergraphSdl = supergraphAt({
      procurement: `http://127.0.0.1:${hanging.port}/graphql`,
      access: fed.servers.access!.url,
      monitoring: fed.servers.monitoring!.url,
      registry: fed.servers.registry!.url,
    });
    const gateway = await (await createGateway({ config, log: () => {}, supergraphSdl })).listen(0, '127.0.0.1');
    try {
      const response = await post(gateway.url, ACROSS, undefined, await fed.authorization(ADMIN));
      expectPartial(response);
      expect(response.errors?.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')?.message).toMatch(/1500 ms/);
      const health = await fetch(gateway.url.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(200);
    } finally {
      await gateway.stop();
      await hanging.close();
    }
  });

  it('gives the other subgraphs\' data and an error naming the one that is stopped, and keeps serving', async () => {
    const before = await fed.query(ACROSS);
    expect(before.errors).toBeUndefined();
    await fed.procurement.stop();
    for (let i = 0; i < 2; i++) expectPartial(await fed.query(ACROSS));
    const base = fed.gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      subgraphs: { procurement: { state: 'down', error: 'could not be reached' }, access: { state: 'up' }, monitoring: { state: 'up' } },
    });
  });
});
