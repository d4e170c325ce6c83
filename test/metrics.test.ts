import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMetrics } from '@youth-care/lib/observability/metrics-endpoint';
import { ADMIN, startFederation, type Federation } from './support/federation.js';
import { REPO } from './support/process.js';

const TOKEN = 'metrics-token-for-the-test-only';
const DASHBOARD = `query RegionDashboard { regions { code contracts { id provider { name } } waitingTimeSummary { providersReporting { value suppressed } } } }`;

/**
 * The sum of the samples whose labels include `labels`, from Prometheus's text format; 0 when no
 * series matches. Summed, because the registry is the process's: other servers of this test run
 * may have added series with the same labels and another operation.
 */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split('}')[0] ?? '';
    if (wanted.every((w) => labelText.includes(w))) sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

describe('metrics', () => {
  let fed: Federation;
  let base: string;
  const scrape = async (url = `${base}/metrics`) => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    return response.text();
  };

  beforeAll(async () => {
    fed = await startFederation({
      label: 'metrics',
      // Nothing listens on port 1: JZ43's reads fail at once.
      env: { METRICS_TOKEN: TOKEN, REGIONS: 'JZ21,JZ43', REGION_JZ43_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/region_jz43' },
    });
    base = fed.gatewayUrl.replace(/\/graphql$/, '');
  });
  afterAll(() => fed?.stop());

  it('are refused without the right token', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-the-same-size!' } })).status).toBe(401);
  });

  it('count requests per operation, subgraph fetches, SQL per region, region failures and the loaders\' cache', async () => {
    const before = await scrape();
    const answer = await fed.query(DASHBOARD);
    expect(answer.errors?.map((e) => e.extensions?.region)).toContain('JZ43');
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);

    expect(grew('youthcare_graphql_requests_total', { service: 'gateway', operation: 'RegionDashboard', outcome: 'error' })).toBe(1);
    expect(grew('youthcare_graphql_request_duration_seconds_count', { service: 'gateway', operation: 'RegionDashboard' })).toBe(1);
    expect(grew('youthcare_graphql_request_duration_seconds_count', { service: 'procurement' })).toBeGreaterThanOrEqual(1);
    expect(grew('youthcare_subgraph_fetch_duration_seconds_count', { subgraph: 'procurement' })).toBeGreaterThanOrEqual(1);
    expect(grew('youthcare_sql_statement_duration_seconds_count', { service: 'procurement', region: 'JZ21' })).toBeGreaterThanOrEqual(1);
    expect(grew('youthcare_region_failures_total', { service: 'procurement', region: 'JZ43', reason: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(grew('youthcare_sql_statement_duration_seconds_count', { region: 'JZ43' })).toBe(0);
    expect(grew('youthcare_cache_requests_total', { cache: 'dataloader', result: 'miss' })).toBeGreaterThan(0);
    expect(sample(after, 'process_cpu_user_seconds_total', {})).toBeGreaterThan(0);
    expect(sample(after, 'nodejs_heap_size_used_bytes', {})).toBeGreaterThan(0);
  });

  it('count hits and misses of the persisted-query cache', async () => {
    const query = '{ regions { code } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const send = (body: Record<string, unknown>) =>
      fetch(fed.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const before = await scrape();
    expect(JSON.stringify(await send({ extensions }))).toMatch(/PERSISTED_QUERY_NOT_FOUND/);
    await send({ query, extensions });
    expect(await send({ extensions })).toMatchObject({ data: { regions: [{ code: 'JZ21' }, { code: 'JZ43' }] } });
    const after = await scrape();
    const grew = (result: string) =>
      sample(after, 'youthcare_cache_requests_total', { cache: 'persisted-queries', result }) -
      sample(before, 'youthcare_cache_requests_total', { cache: 'persisted-queries', result });
    expect(grew('miss')).toBeGreaterThanOrEqual(1);
    expect(grew('hit')).toBe(1);
  });

  it('are served on a port of their own without a token, and nothing else is', async () => {
    const server = await serveMetrics({ port: 0, token: undefined }, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${server!.port}`;
      const text = await (await fetch(`${url}/metrics`)).text();
      expect(text).toMatch(/^# HELP youthcare_graphql_requests_total/m);
      expect((await fetch(`${url}/graphql`)).status).toBe(404);
    } finally {
      await server?.stop();
    }
    expect(serveMetrics({ port: undefined, token: TOKEN }, '127.0.0.1')).toBeUndefined();
  });

  it('/ready lists each region as up or down with its last error, and the gateway each subgraph with its regions', async () => {
    await fed.query(DASHBOARD, undefined, ADMIN);
    const subgraph = await fetch(fed.procurement.url.replace(/\/graphql$/, '/ready'));
    expect(subgraph.status).toBe(200);
    const body = (await subgraph.json()) as { status: string; regions: Record<string, { state: string; lastErrorAt: string | null }> };
    expect(body.status).toBe('degraded');
    expect(body.regions.JZ21).toMatchObject({ state: 'up' });
    // Down, or skipped once its failures have opened the region's circuit breaker.
    expect(body.regions.JZ43).toMatchObject({ state: expect.stringMatching(/^(down|skipped)$/), lastError: expect.stringMatching(/^(failed|timed out|not prepared)$/) });
    expect(Date.now() - Date.parse(body.regions.JZ43!.lastErrorAt!)).toBeLessThan(60_000);

    const gateway = await fetch(`${base}/ready`);
    expect(gateway.status).toBe(200);
    expect(await gateway.json()).toMatchObject({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: {
        procurement: { state: 'up', ready: { status: 'degraded', regions: { JZ43: { state: expect.stringMatching(/^(down|skipped)$/) } } } },
        registry: { state: 'up' },
        access: { state: 'up' },
        monitoring: { state: 'up' },
      },
    });
  });

  it('are all the Grafana dashboard asks for', async () => {
    const dashboard = JSON.parse(await readFile(`${REPO}/gateway/observability/grafana/dashboards/youth-care-federation.json`, 'utf8')) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const exported = new Set([...(await scrape()).matchAll(/^# TYPE (\w+) (\w+)/gm)].flatMap(([, name, type]) =>
      type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!],
    ));
    const asked = dashboard.panels.flatMap((p) => p.targets ?? []).flatMap((t) => [...t.expr.matchAll(/\b((?:youthcare|process|nodejs)_\w+)\{?/g)].map((m) => m[1]!));
    expect(asked.length).toBeGreaterThan(10);
    expect(asked.filter((name) => !exported.has(name))).toEqual([]);
  });
});
