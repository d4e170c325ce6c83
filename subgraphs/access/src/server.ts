import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { pseudonymKey } from '@youth-care/lib/config';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import type { AccessTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { writeAuditEntries } from './db/audit-repository.js';
import { resolvers } from './resolvers/index.js';
import { seedAccessDemo } from './seed.js';
import { accessSources } from './sources.js';

/** Builds the access subgraph: referrals, allocations, declarations and plans per region. */
export function createAccessSubgraph(deps: SubgraphDeps): Subgraph<AccessTables> {
  const sources = accessSources(deps);
  return buildSubgraph(
    {
      name: 'access',
      typeDefs: subgraphTypeDefs('access'),
      sources,
      createLoaders,
      loadDemo: (demo) => seedAccessDemo(sources, demo, (code) => pseudonymKey(deps.config, code), deps.log),
      resolvers,
      auditWriter: async (entries) => {
        const regions = [...new Set(entries.map((e) => e.region))];
        await Promise.all(regions.map(async (region) => writeAuditEntries(await sources.source(region), entries.filter((e) => e.region === region))));
      },
    },
    deps,
  );
}
