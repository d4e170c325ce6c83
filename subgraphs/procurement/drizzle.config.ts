import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/procurement/src/db/schema.ts',
  out: './subgraphs/procurement/migrations',
});
