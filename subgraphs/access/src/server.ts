import { fileURLToPath } from 'node:url';
import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { pseudonymKey } from '@youth-care/lib/config';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import { BASE_SCHEMA, tablesIn, type AccessTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { writeAuditEntries } from './db/audit-repository.js';
import { resolvers } from './resolvers/index.js';
import { seedAccessDemo } from './seed.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** Builds the access subgraph: referrals, allocations, declarations and plans per region. */
export function createAccessSubgraph(deps: SubgraphDeps): Subgraph<AccessTables> {
  const sources = new RegionSources({ ...deps, baseSchema: BASE_SCHEMA, migrationsFolder: MIGRATIONS, tables: tablesIn });
  // Every served region needs its key before anything is imported: fail at start, not later.
  for (const code of sources.regions) pseudonymKey(deps.config, code);
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
