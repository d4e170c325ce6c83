import { fileURLToPath } from 'node:url';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { keepYearsOnce } from './db/repository.js';
import { BASE_SCHEMA, tablesIn, type ProcurementTables } from './db/schema.js';

export const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * The procurement regions' sources, for the subgraph and for other subgraphs' import commands
 * (see contract-register.ts), which open them without loading the GraphQL server.
 */
export function procurementSources(deps: SubgraphDeps): RegionSources<ProcurementTables> {
  return new RegionSources({ ...deps, baseSchema: BASE_SCHEMA, migrationsFolder: MIGRATIONS, tables: tablesIn, afterMigrations: keepYearsOnce });
}
