import { fileURLToPath } from 'node:url';
import { NationalSource } from '@youth-care/lib/db/national-source';
import { RegionSources } from '@youth-care/lib/db/region-sources';
import type { SubgraphDeps } from '@youth-care/lib/subgraph';
import { NATIONAL_SCHEMA, nationalTablesIn, type NationalTables } from './db/national-schema.js';
import { keepFiguresOnce } from './db/repository.js';
import { BASE_SCHEMA, tablesIn, type MonitoringTables } from './db/schema.js';

export const REGION_MIGRATIONS = fileURLToPath(new URL('../migrations/region', import.meta.url));
export const NATIONAL_MIGRATIONS = fileURLToPath(new URL('../migrations/national', import.meta.url));

/**
 * The monitoring subgraph's data sources: per region (surveys, outcomes) and national (CBS
 * tables). The import commands open them without loading the GraphQL server (most of a command's start).
 */
export function monitoringSources(deps: SubgraphDeps) {
  return {
    // Before an import writes, a region's older reports have their figures kept (see keepFiguresOnce).
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
