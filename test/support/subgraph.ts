import type { Viewer } from '@youth-care/lib/auth/viewer';
import type { SubgraphName } from '@youth-care/lib/config';
import type { Subgraph } from '@youth-care/lib/subgraph';
import type { FormattedExecutionResult } from 'graphql';
import { MEMBERS } from '../../subgraphs/all-in-one/src/members.js';
import { ADMIN } from './federation.js';
import { openTestData, type TestData, type TestDataOptions } from './test-data.js';

export interface SubgraphUnderTest extends TestData {
  readonly subgraph: Subgraph;
  /** An operation run in process, with the context the gateway's signed claims for `as` give (an admin when left out). */
  execute<T = any>(query: string, variables?: Record<string, unknown>, as?: Viewer): Promise<FormattedExecutionResult<T>>;
  stop(): Promise<void>;
}

/**
 * One subgraph on its database, without HTTP and without the rest of the federation, for tests of
 * its resolvers and loaders. Tests about what the federation does start it with startFederation.
 */
export async function startSubgraph(name: SubgraphName, options: TestDataOptions): Promise<SubgraphUnderTest> {
  const data = await openTestData(options);
  const member = MEMBERS.find((m) => m.name === name)!;
  const subgraph = member.create({ config: data.config, hub: data.hub, log: () => {} });
  await data.prepare(subgraph);
  return {
    ...data,
    subgraph,
    execute: (query, variables, as = ADMIN) => subgraph.execute(query, variables, as) as Promise<FormattedExecutionResult<any>>,
    stop: () => data.close(),
  };
}
