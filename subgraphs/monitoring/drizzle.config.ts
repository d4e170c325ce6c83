import { defineConfig } from 'drizzle-kit';

/** The per-region tables (schema "monitoring", copied to "monitoring_<region>" at migration). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/monitoring/src/db/schema.ts',
  out: './subgraphs/monitoring/migrations/region',
  schemaFilter: ['monitoring'],
});
