import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareImage } from '../../../test/support/prepared-data.js';
import { loadConfig } from '../src/config.js';
import { DatabaseHub, type Database } from '../src/db/database.js';
import { rowsOf } from '../src/db/migrate.js';

/** The embedded database on its own thread answers as the one on the calling thread does. */
let hub: DatabaseHub;
let db: Database;
beforeAll(async () => {
  hub = new DatabaseHub(loadConfig({ EMBEDDED_DATA_DIR: 'memory://' }).database, await bareImage(), { embeddedThread: true });
  db = hub.forRegion('probe', 'JZ21', undefined);
  await db.execute(sql`CREATE TABLE note (id int PRIMARY KEY, day date NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
});
afterAll(async () => {
  await hub?.close();
});

const ids = async () => rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM note ORDER BY id`)).map((r) => r.id);

describe('the embedded database on a thread of its own', () => {
  it('answers statements with parameters, dates kept as text as drizzle asks', async () => {
    await db.execute(sql`INSERT INTO note (id, day) VALUES (${1}, ${'2025-03-01'})`);
    const [row] = rowsOf<{ id: number; day: unknown }>(await db.execute(sql`SELECT id, day FROM note WHERE id = ${1}`));
    expect(row).toEqual({ id: 1, day: '2025-03-01' });
  });

  it('commits a transaction that completes and rolls back one that throws, other statements waiting meanwhile', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO note (id, day) VALUES (2, '2025-03-02')`);
      await tx.execute(sql`INSERT INTO note (id, day) VALUES (3, '2025-03-03')`);
    });
    const failing = db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO note (id, day) VALUES (4, '2025-03-04')`);
      throw new Error('changed its mind');
    });
    const meanwhile = ids();
    await expect(failing).rejects.toThrow('changed its mind');
    expect(await meanwhile).toEqual([1, 2, 3]);
    await db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO note (id, day) VALUES (5, '2025-03-05')`);
      tx.rollback();
    }).catch(() => {});
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it("passes on the database's error with its code, and the transaction it broke leaves nothing", async () => {
    const broken = db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO note (id, day) VALUES (6, '2025-03-06')`);
      await tx.execute(sql`INSERT INTO note (id, day) VALUES (1, '2025-03-01')`);
    });
    await expect(broken).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await ids()).toEqual([1, 2, 3]);
  });
});
