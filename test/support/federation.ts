import { composeSupergraph } from '../../schema/compose.js';
import { SUBGRAPHS } from '../../schema/subgraphs.js';
import { createGateway } from '../../gateway/src/gateway.js';
import { mintToken } from '../../gateway/src/auth/mint.js';
import { loadPerformanceConfig } from '../../gateway/src/performance-config.js';
import { CLAIMS_HEADER, signClaims } from '@youth-care/lib/auth/signed-claims';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import type { Config, SubgraphName } from '@youth-care/lib/config';
import type { DatabaseHub } from '@youth-care/lib/db/database';
import type { Log } from '@youth-care/lib/errors';
import type { RunningServer } from '@youth-care/lib/http';
import { MEMBERS } from '../../subgraphs/all-in-one/src/members.js';
import type { Subgraph } from '@youth-care/lib/subgraph';
import type { ProcurementTables } from '../../subgraphs/procurement/src/db/schema.js';
import type { TestDatabase } from './database.js';
import { openTestData, type TestDataOptions } from './test-data.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The caller of tests that are about something else than who may see what. */
export const ADMIN: Viewer = { role: 'admin', subject: 'test-admin' };

export async function post<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export interface FederationOptions extends TestDataOptions {
  /** Each service's log, by its name; silent when left out. */
  readonly log?: (service: string) => Log;
}

export interface Federation {
  readonly config: Config;
  readonly hub: DatabaseHub;
  readonly database: TestDatabase;
  readonly gatewayUrl: string;
  /** The supergraph the gateway serves, composed for the subgraphs' ports. */
  readonly supergraphSdl: string;
  /** Each subgraph's server, by name. */
  readonly servers: Readonly<Record<string, RunningServer>>;
  readonly subgraphs: Readonly<Record<string, Subgraph>>;
  /** Shorthands for the procurement subgraph. */
  readonly procurement: RunningServer;
  readonly procurementSubgraph: Subgraph<ProcurementTables>;
  /** A query through the gateway with a token for `as` (an admin when left out; no token for anonymous). */
  query<T = any>(query: string, variables?: Record<string, unknown>, as?: Viewer): Promise<GraphQLResponse<T>>;
  /** A query straight to one subgraph, with claims for `as` signed as the gateway signs them. */
  subgraphQuery<T = any>(name: string, query: string, variables?: Record<string, unknown>, as?: Viewer): Promise<GraphQLResponse<T>>;
  /** The Authorization header for a caller; none for anonymous. */
  authorization(as: Viewer): Promise<Record<string, string>>;
  /** The SQL statements the federation sends while `work` runs. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

const silent = () => {};

const placeholder = (name: SubgraphName) => `http://${name}.subgraph.invalid/graphql`;
let composed: string | undefined;

/**
 * The supergraph for subgraphs listening at `urls` (the others at their default URLs). Composing
 * costs a few hundred ms of CPU and gives the same supergraph whatever the URLs, so a test worker
 * composes once, with stand-in URLs, and puts each file's URLs in.
 */
export function supergraphAt(urls: Partial<Record<SubgraphName, string>>): string {
  composed ??= composeSupergraph(Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, placeholder(name)])));
  return SUBGRAPHS.reduce((sdl, { name, defaultUrl }) => sdl.replace(`url: "${placeholder(name)}"`, `url: "${urls[name] ?? defaultUrl}"`), composed);
}

/**
 * The real federation for a test: a database (embedded or a fresh one on TEST_DATABASE_URL),
 * the procurement subgraph over HTTP on a free port, the supergraph composed from the SDL files
 * for that port, and the gateway over HTTP.
 */
export async function startFederation(options: FederationOptions): Promise<Federation> {
  const data = await openTestData(options);
  const { config, hub, database } = data;
  const subgraphs: Record<string, Subgraph> = {};
  const servers: Record<string, RunningServer> = {};
  const urls: Record<string, string> = {};
  for (const member of MEMBERS) {
    const subgraph = member.create({ config, hub, log: options.log?.(member.name) ?? silent });
    await data.prepare(subgraph);
    subgraphs[member.name] = subgraph;
    servers[member.name] = await subgraph.listen(0, '127.0.0.1');
    urls[member.name] = servers[member.name]!.url;
  }
  const supergraphSdl = supergraphAt(urls);
  // Tests that write behind the gateway's back (or take a region down) expect fresh answers; the
  // tests of the answer cache turn it on.
  const performance = loadPerformanceConfig({ RESPONSE_CACHE: 'off', ...options.env });
  const gateway = await createGateway({ config, log: options.log?.('gateway') ?? silent, supergraphSdl, performance });
  const gatewayServer = await gateway.listen(0, '127.0.0.1');
  let stopped = false;
  const authorization = async (as: Viewer): Promise<Record<string, string>> =>
    as.role === 'anonymous' ? {} : { authorization: `Bearer ${await mintToken(config.auth, as)}` };
  return {
    config,
    hub,
    database,
    gatewayUrl: gatewayServer.url,
    supergraphSdl,
    servers,
    subgraphs,
    procurement: servers.procurement!,
    // MEMBERS erases each subgraph's table types; procurement's are known here.
    procurementSubgraph: subgraphs.procurement as Subgraph<ProcurementTables>,
    query: async (query, variables, as = ADMIN) => post(gatewayServer.url, query, variables, await authorization(as)),
    subgraphQuery: (name, query, variables, as = ADMIN) =>
      post(servers[name]!.url, query, variables, { [CLAIMS_HEADER]: signClaims(as, config.auth.claimsSecret) }),
    authorization,
    countStatements: data.countStatements,
    async stop() {
      if (stopped) return;
      stopped = true;
      await gatewayServer.stop();
      for (const server of Object.values(servers)) await server.stop().catch(() => {});
      await data.close();
    },
  };
}
