import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../gateway/src/gateway.js';
import { loadPerformanceConfig } from '../gateway/src/performance-config.js';
import type { RunningServer } from '@youth-care/lib/http';
import { ADMIN, post, startFederation, supergraphAt, type Federation, type GraphQLResponse } from './support/federation.js';
import { startProxy, type KillableProxy } from './support/tcp-proxy.js';

// One field of each subgraph that keeps data, under the registry's entry point.
const ACROSS = `{
  regions { code name
    contracts { id }
    accessStatistics { dropout { of } }
    indicators(periods: ["2023JJ00"], indicators: [YOUTH_CARE]) { period }
  }
}`;
const FIELD_OF = { procurement: 'contracts', access: 'accessStatistics', monitoring: 'indicators' } as const;
type Victim = keyof typeof FIELD_OF;

describe('one subgraph killed during a query over all three', () => {
  let fed: Federation;
  let gateway: RunningServer;
  const proxies: Partial<Record<Victim, KillableProxy>> = {};
  let headers: Record<string, string>;

  beforeAll(async () => {
    fed = await startFederation({ label: 'subgraph_kill', scale: 0.02 });
    const urls: Record<string, string> = { registry: fed.servers.registry!.url };
    for (const name of Object.keys(FIELD_OF) as Victim[]) {
      const proxy = await startProxy(fed.servers[name]!.port);
      proxies[name] = proxy;
      urls[name] = `http://127.0.0.1:${proxy.port}/graphql`;
    }
    // Every query must reach the subgraphs, so the answer cache is off, as in the test federation.
    const performance = loadPerformanceConfig({ RESPONSE_CACHE: 'off' });
    gateway = await (await createGateway({ config: fed.config, log: () => {}, supergraphSdl: supergraphAt(urls), performance })).listen(0, '127.0.0.1');
    headers = await fed.authorization(ADMIN);
  });
  afterAll(async () => {
    await gateway?.stop();
    for (const proxy of Object.values(proxies)) await proxy.close();
    await fed?.stop();
  });

  function expectAllBut(victim: Victim | undefined, response: GraphQLResponse<any>) {
    expect(response.status).toBe(200);
    expect(response.data.regions.map((r: { code: string }) => r.code)).toEqual(['JZ35', 'JZ33', 'JZ21', 'JZ43', 'JZ34']);
    for (const region of response.data.regions) {
      expect(region.name).toEqual(expect.any(String));
      for (const [subgraph, field] of Object.entries(FIELD_OF)) {
        if (subgraph === victim) expect(region[field], `${subgraph} ${region.code}`).toBeNull();
        else expect(region[field], `${subgraph} ${region.code}`).not.toBeNull();
      }
    }
    if (!victim) {
      expect(response.errors).toBeUndefined();
      return;
    }
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: victim });
      expect(error.message).toContain(victim);
    }
  }

  for (const victim of Object.keys(FIELD_OF) as Victim[]) {
    it(`keeps the registry's and the other subgraphs' fields when ${victim} dies`, async () => {
      expectAllBut(undefined, await post(gateway.url, ACROSS, undefined, headers));
      const killed = proxies[victim]!.killOnNextRequest();
      const during = post(gateway.url, ACROSS, undefined, headers);
      await killed;
      expectAllBut(victim, await during);
      // Still down: the connection is refused now.
      expectAllBut(victim, await post(gateway.url, ACROSS, undefined, headers));
      await proxies[victim]!.revive();
      expectAllBut(undefined, await post(gateway.url, ACROSS, undefined, headers));
    });
  }
});
