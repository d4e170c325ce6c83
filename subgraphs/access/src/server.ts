import { fileURLToPath } from 'node:url';
import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { pseudonymKey } from '@youth-care/lib/config';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { registryResolvers } from '@youth-care/lib/regions/resolvers';
import { DateScalar } from '@youth-care/lib/scalars';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import { BASE_SCHEMA, tablesIn, type AccessTables } from './db/schema.js';
import { createLoaders } from './loaders.js';
import { Plan } from './resolvers/Plan.js';
import { Provider } from './resolvers/Provider.js';
import { AuditEntry, Query } from './resolvers/Query.js';
import { writeAuditEntries } from './db/audit-repository.js';
import { Allocation, Declaration, Referral } from './resolvers/Referral.js';
import { AccessStatistics, Region, RegionClientLevel } from './resolvers/Region.js';
import { seedAccessDemo } from './seed.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/** Builds the access subgraph: referrals, allocations, declarations and plans per region. */
export function createAccessSubgraph(deps: SubgraphDeps): Subgraph<AccessTables> {
  const sources = new RegionSources({ ...deps, baseSchema: BASE_SCHEMA, migrationsFolder: MIGRATIONS, tables: tablesIn });
  // Every served region needs its key before anything is imported: fail at start, not later.
  for (const code of sources.regions) pseudonymKey(deps.config, code);
  const registry = registryResolvers(sources.regions);
  return buildSubgraph(
    {
      name: 'access',
      typeDefs: subgraphTypeDefs('access'),
      sources,
      createLoaders,
      loadDemo: (demo) => seedAccessDemo(sources, demo, (code) => pseudonymKey(deps.config, code), deps.log),
      resolvers: {
        Date: DateScalar,
        Query: { ...registry.Query, ...Query },
        Region: { ...registry.Region, ...Region },
        Municipality: registry.Municipality,
        AccessStatistics,
        RegionClientLevel,
        Provider,
        Referral,
        Allocation,
        Declaration,
        Plan,
        AuditEntry,
      },
      auditWriter: async (entries) => {
        const regions = [...new Set(entries.map((e) => e.region))];
        await Promise.all(regions.map(async (region) => writeAuditEntries(await sources.source(region), entries.filter((e) => e.region === region))));
      },
    },
    deps,
  );
}
