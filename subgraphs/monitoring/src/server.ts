import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import type { MonitoringTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { seedDemoData } from './seed.js';
import { monitoringSources } from './sources.js';

/** Builds the monitoring subgraph: CBS indicators, client satisfaction, outcomes and learning-circle comparisons. */
export function createMonitoringSubgraph(deps: SubgraphDeps): Subgraph<MonitoringTables> {
  const { regions: sources, national } = monitoringSources(deps);
  return buildSubgraph(
    {
      name: 'monitoring',
      typeDefs: subgraphTypeDefs('monitoring'),
      sources,
      createLoaders: (scope) => createLoaders({ ...scope, national }),
      prepare: async (demo) => {
        // The national source is migrated at start like the regions; a failure there is logged and retried in the background.
        await national.prepare();
        if (demo) await seedDemoData(sources, national, demo, deps.log);
      },
      resolvers,
    },
    deps,
  );
}
