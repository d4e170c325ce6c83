import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/access/src/db/schema.ts',
  out: './subgraphs/access/migrations',
});
