import { defineConfig } from 'drizzle-kit';

/** The national tables (CBS open data), one copy in the shared national source. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/monitoring/src/db/national-schema.ts',
  out: './subgraphs/monitoring/migrations/national',
});
