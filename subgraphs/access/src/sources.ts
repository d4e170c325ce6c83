import { fileURLToPath } from 'node:url';
import { pseudonymKey } from '@youth-care/lib/config';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { BASE_SCHEMA, tablesIn, type AccessTables } from './db/schema.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * The access regions' sources, for the subgraph and for the import commands, which open them
 * without loading the GraphQL server (most of a command's start).
 */
export function accessSources(deps: SubgraphDeps): RegionSources<AccessTables> {
  const sources = new RegionSources({ ...deps, baseSchema: BASE_SCHEMA, migrationsFolder: MIGRATIONS, tables: tablesIn });
  // Every served region needs its key before anything is imported: fail at start, not later.
  for (const code of sources.regions) pseudonymKey(deps.config, code);
  return sources;
}
