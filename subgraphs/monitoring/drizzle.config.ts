import { defineConfig } from 'drizzle-kit';

/** The per-region tables, applied to each region's own schema ("monitoring_<region>"). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/monitoring/src/db/schema.ts',
  out: './subgraphs/monitoring/migrations/region',
});
