import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '../src/config.js';
import { DatabaseHub, type Database } from '../src/db/database.js';
import { migrateSchema, rowsOf } from '../src/db/migrate.js';
import { PROBE_MIGRATIONS } from './fixtures/probe-sources.js';

let database: TestDatabase;
let hub: DatabaseHub;
let db: Database;
beforeAll(async () => {
  database = await createTestDatabase('migrate');
  const config = loadConfig(database.env);
  hub = new DatabaseHub(config.database, database.image);
  db = hub.forUrl(config.database.regionUrls.JZ21);
});
afterAll(async () => {
  await hub?.close();
  await database?.drop();
});

async function tables(schema: string): Promise<string[]> {
  const result = await db.execute(sql`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY 1`);
  return rowsOf<{ table_name: string }>(result).map((r) => r.table_name);
}

describe('migrateSchema', () => {
  it("gives each region its own copy of the subgraph's schema, once", async () => {
    expect(await migrateSchema(db, PROBE_MIGRATIONS, 'probe', 'probe_jz21')).toEqual(['0000_probe']);
    expect(await migrateSchema(db, PROBE_MIGRATIONS, 'probe', 'probe_jz43')).toEqual(['0000_probe']);
    expect(await migrateSchema(db, PROBE_MIGRATIONS, 'probe', 'probe_jz21')).toEqual([]);
    expect(await tables('probe_jz21')).toEqual(['__migrations', 'note']);
    expect(await tables('probe')).toEqual([]);
  });

  it('leaves nothing behind when a migration fails halfway', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(PROBE_MIGRATIONS, folder, { recursive: true });
    writeFileSync(join(folder, '0001_broken.sql'), 'CREATE TABLE "probe"."other" (id int);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    writeFileSync(
      join(folder, 'meta', '_journal.json'),
      JSON.stringify({ entries: [{ idx: 0, tag: '0000_probe' }, { idx: 1, tag: '0001_broken' }] }),
    );
    await expect(migrateSchema(db, folder, 'probe', 'probe_jz34')).rejects.toThrow();
    expect(await tables('probe_jz34')).toEqual([]);
  });
});
