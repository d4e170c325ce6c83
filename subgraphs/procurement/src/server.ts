import { fileURLToPath } from 'node:url';
import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import { DateScalar } from '@youth-care/lib/scalars';
import { BASE_SCHEMA, tablesIn, type ProcurementTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { seedDemoData } from './seed.js';
import { Contract } from './resolvers/Contract.js';
import { Mutation } from './resolvers/Mutation.js';
import { Provider } from './resolvers/Provider.js';
import { Query } from './resolvers/Query.js';
import { CategoryWaitingTime, Region, RegionComparison } from './resolvers/Region.js';
import { WaitingTimeNorm, WaitingTimeReport } from './resolvers/WaitingTimeReport.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** Builds the procurement subgraph: providers, contracts and waiting times per region. */
export function createProcurementSubgraph(deps: SubgraphDeps): Subgraph<ProcurementTables> {
  const sources = new RegionSources({ ...deps, baseSchema: BASE_SCHEMA, migrationsFolder: MIGRATIONS, tables: tablesIn });
  return buildSubgraph(
    {
      name: 'procurement',
      typeDefs: subgraphTypeDefs('procurement'),
      sources,
      createLoaders,
      prepare: async (demo) => {
        if (demo) await seedDemoData(sources, demo, deps.log);
      },
      resolvers: {
        Date: DateScalar,
        Query,
        Mutation,
        Region: { ...Region, ...RegionComparison },
        Provider,
        Contract,
        WaitingTimeReport,
        WaitingTimeNorm,
        CategoryWaitingTime,
      },
    },
    deps,
  );
}
