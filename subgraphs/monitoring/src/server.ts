import { fileURLToPath } from 'node:url';
import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { NationalSource } from '@youth-care/lib/db/national-source';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import { NATIONAL_SCHEMA, nationalTablesIn, type NationalTables } from './db/national-schema.js';
import { keepFiguresOnce } from './db/repository.js';
import { BASE_SCHEMA, tablesIn, type MonitoringTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';
import { seedDemoData } from './seed.js';

export const REGION_MIGRATIONS = fileURLToPath(new URL('../migrations/region', import.meta.url));
export const NATIONAL_MIGRATIONS = fileURLToPath(new URL('../migrations/national', import.meta.url));

/** The monitoring subgraph's data sources: per region (surveys, outcomes) and national (CBS tables). */
export function monitoringSources(deps: SubgraphDeps) {
  return {
    regions: new RegionSources<MonitoringTables>({
      ...deps,
      baseSchema: BASE_SCHEMA,
      migrationsFolder: REGION_MIGRATIONS,
      tables: tablesIn,
      afterMigrations: keepFiguresOnce,
    }),
    national: new NationalSource<NationalTables>({ ...deps, schema: NATIONAL_SCHEMA, migrationsFolder: NATIONAL_MIGRATIONS, tables: nationalTablesIn }),
  };
}

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
