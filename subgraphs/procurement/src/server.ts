import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import type { ProcurementTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { seedDemoData } from './seed.js';
import { procurementSources } from './sources.js';

/** Builds the procurement subgraph: providers, contracts and waiting times per region. */
export function createProcurementSubgraph(deps: SubgraphDeps): Subgraph<ProcurementTables> {
  const sources = procurementSources(deps);
  return buildSubgraph(
    {
      name: 'procurement',
      typeDefs: subgraphTypeDefs('procurement'),
      sources,
      createLoaders,
      prepare: async (demo) => {
        if (demo) await seedDemoData(sources, demo, deps.log);
      },
      resolvers,
    },
    deps,
  );
}
