import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DatabaseHub } from '../src/db/database.js';
import { emptyClusterImage, imageFile, pgliteVersion } from '../src/db/empty-cluster.js';
import { rowsOf } from '../src/db/migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'empty-cluster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What makes a cluster what it is: server and catalog version, databases, and the catalog's entries by oid. */
const FINGERPRINT = `SELECT version() AS version,
  (SELECT catalog_version_no FROM pg_control_system()) AS catalog,
  (SELECT string_agg(datname || ' ' || pg_encoding_to_char(encoding) || ' ' || datcollate || ' ' || datctype || ' ' || datlocprovider::text, ', ' ORDER BY datname) FROM pg_database) AS databases,
  (SELECT md5(string_agg(oid || ' ' || relname || ' ' || relkind::text, ',' ORDER BY oid)) FROM pg_class) AS relations,
  (SELECT md5(string_agg(oid || ' ' || proname, ',' ORDER BY oid)) FROM pg_proc) AS functions,
  (SELECT md5(string_agg(oid || ' ' || typname, ',' ORDER BY oid)) FROM pg_type) AS types,
  (SELECT string_agg(rolname, ',' ORDER BY oid) FROM pg_authid) AS roles`;
const SYSTEM_ID = 'SELECT system_identifier::text AS id FROM pg_control_system()';

async function ask<T>(pglite: PGlite, query: string): Promise<T> {
  const { rows } = await pglite.query<T>(query);
  await pglite.close();
  return rows[0]!;
}

/** The committed image's fingerprint and system identifier, from one database loading it (a second costs a second of CPU). */
let committed: Promise<{ fingerprint: unknown; id: string }> | undefined;
function committedImage(): Promise<{ fingerprint: unknown; id: string }> {
  committed ??= (async () => {
    const pglite = new PGlite({ loadDataDir: emptyClusterImage('memory://')! });
    const id = (await pglite.query<{ id: string }>(SYSTEM_ID)).rows[0]!.id;
    return { fingerprint: await ask(pglite, FINGERPRINT), id };
  })();
  return committed;
}

describe('the image a new embedded database starts from', () => {
  it('is there for the installed PGlite (after upgrading it: npm run db:image)', () => {
    expect(existsSync(imageFile(pgliteVersion())), `no ${imageFile(pgliteVersion()).pathname}`).toBe(true);
  });

  it('holds the database the installed PGlite creates', async () => {
    const created = await ask(await PGlite.create('memory://'), FINGERPRINT);
    expect((await committedImage()).fingerprint).toEqual(created);
  });

  it('is where a new data folder starts from, and a data folder that holds a database keeps it', async () => {
    const image = { id: (await committedImage()).id };
    const config = loadConfig({ EMBEDDED_DATA_DIR: join(dir, 'pglite') }).database;
    const first = new DatabaseHub(config, undefined, { embeddedThread: true });
    expect(rowsOf<{ id: string }>(await first.embedded().execute(sql.raw(SYSTEM_ID)))).toEqual([image]);
    await first.embedded().execute(sql`CREATE TABLE kept (id int)`);
    await first.close();
    expect(emptyClusterImage(config.embeddedDataDir)).toBeUndefined();

    const again = new DatabaseHub(config);
    expect(rowsOf(await again.embedded().execute(sql`SELECT count(*)::int AS n FROM kept`))).toEqual([{ n: 0 }]);
    await again.close();
  });
});
