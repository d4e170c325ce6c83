import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { registryResolvers } from '@youth-care/lib/regions/resolvers';
import { DateScalar } from '@youth-care/lib/scalars';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';

/**
 * Builds the registry subgraph: the entry points (regions, region, municipality,
 * productCategories) and the regions' and municipalities' own fields, all from the region
 * registry and code lists in memory. It keeps no region data, so no database can take it down,
 * and with it every answer's root.
 */
export function createRegistrySubgraph(deps: SubgraphDeps): Subgraph<Record<string, never>> {
  const sources = new RegionSources({ ...deps, regions: [], baseSchema: 'registry', migrationsFolder: '', tables: () => ({}) });
  const registry = registryResolvers(deps.config.regions);
  return buildSubgraph(
    {
      name: 'registry',
      typeDefs: subgraphTypeDefs('registry'),
      sources,
      createLoaders: () => ({}),
      resolvers: { Date: DateScalar, ...registry },
    },
    deps,
  );
}
