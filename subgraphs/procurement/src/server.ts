import { fileURLToPath } from 'node:url';
import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import { keepYearsOnce } from './db/repository.js';
import { BASE_SCHEMA, tablesIn, type ProcurementTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { seedDemoData } from './seed.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** Builds the procurement subgraph: providers, contracts and waiting times per region. */
export function createProcurementSubgraph(deps: SubgraphDeps): Subgraph<ProcurementTables> {
  const sources = new RegionSources({ ...deps, baseSchema: BASE_SCHEMA, migrationsFolder: MIGRATIONS, tables: tablesIn, afterMigrations: keepYearsOnce });
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
