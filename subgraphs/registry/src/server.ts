import { subgraphTypeDefs } from '../../../schema/subgraphs.js';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import { buildSubgraph, type Subgraph, type SubgraphDeps } from '@youth-care/lib/subgraph';
import { resolvers } from './resolvers/index.js';

/**
 * Builds the registry subgraph: the entry points (regions, region, municipality,
 * productCategories) and the regions' and municipalities' own fields, all from the region
 * registry and code lists in memory. It keeps no region data (its sources cover no region), so
 * no database can take it down, and with it the root of every answer.
 */
export function createRegistrySubgraph(deps: SubgraphDeps): Subgraph<Record<string, never>> {
  const sources = new RegionSources({ ...deps, regions: [], baseSchema: 'registry', migrationsFolder: '', tables: () => ({}) });
  return buildSubgraph({ name: 'registry', typeDefs: subgraphTypeDefs('registry'), sources, createLoaders: () => ({}), resolvers }, deps);
}
