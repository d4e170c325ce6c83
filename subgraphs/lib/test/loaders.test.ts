import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import type { Viewer } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config.js';
import { DatabaseHub } from '../src/db/database.js';
import { rowsOf } from '../src/db/migrate.js';
import type { RegionSource, RegionSources } from '../src/db/region-sources.js';
import { regionLoaders, tagged } from '../src/loaders.js';
import type { RegionCode } from '../src/regions/registry.js';
import { RegionFailures } from '../src/request.js';
import { probeSources } from './fixtures/probe-sources.js';

/** The probe fixture's notes, read as a subgraph's repository would: one statement per call. */
type Source = RegionSource<object>;
interface Note {
  id: number;
  text: string;
}
const notes = (src: Source, where: ReturnType<typeof sql>) =>
  src.db.execute(sql`SELECT id, text FROM ${sql.identifier(src.schema)}.note WHERE ${where} ORDER BY id`).then((r) => rowsOf<Note>(r));
const notesByIds = (src: Source, ids: readonly number[]) => notes(src, sql`id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
const notesByText = (src: Source, texts: readonly string[]) => notes(src, sql`text IN (${sql.join(texts.map((t) => sql`${t}`), sql`, `)})`);
const notesOfProviders = (src: Source, agbCodes: readonly string[], prefix: string) =>
  src.db
    .execute(
      sql`SELECT id, text AS "providerAgb" FROM ${sql.identifier(src.schema)}.note
          WHERE text IN (${sql.join(agbCodes.map((t) => sql`${t}`), sql`, `)}) AND text LIKE ${`${prefix}%`} ORDER BY id`,
    )
    .then((r) => rowsOf<{ id: number; providerAgb: string }>(r));
const noteCount = (src: Source, text: string) => notes(src, sql`text = ${text}`).then((rows) => rows.length);

const ADMIN: Viewer = { role: 'admin', subject: 'admin' };
const ANALYST_JZ21: Viewer = { role: 'region-analyst', subject: 'a', region: 'JZ21' };
const CIRCLE_JZ21: Viewer = { role: 'learning-circle', subject: 'c', regions: ['JZ21'] };

let database: TestDatabase;
let hub: DatabaseHub;
let sources: RegionSources<object>;
/** The same regions, with JZ43's database out of reach. */
let jz43Down: RegionSources<object>;
beforeAll(async () => {
  database = await createTestDatabase('loaders');
  const env = { ...database.env, REGIONS: 'JZ21,JZ43,JZ34' };
  const config = loadConfig(env);
  hub = new DatabaseHub(config.database, database.image);
  sources = probeSources(hub, config);
  jz43Down = probeSources(hub, loadConfig({ ...env, REGION_JZ43_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/probe' }));
  await sources.migrateAll();
  await jz43Down.migrateAll();
  for (const code of sources.regions) {
    const src = await sources.source(code);
    // The same texts in every region, so a key over several regions finds a row in each.
    await src.db.execute(sql`INSERT INTO ${sql.identifier(src.schema)}.note (text) VALUES ('12345678'), ('12345678'), ('87654321'), (${code})`);
  }
});
afterAll(async () => {
  await hub?.close();
  await database?.drop();
});

function scopeFor(viewer: Viewer, from = sources) {
  const failures = new RegionFailures();
  const load = regionLoaders({ sources: from, timeoutMs: 30_000, log: () => {}, failures, viewer });
  return { load, failures };
}

async function statementsOf<R>(work: () => Promise<R>): Promise<{ statements: number; result: R }> {
  const before = hub.statementCount;
  const result = await work();
  return { statements: hub.statementCount - before, result };
}

describe('regionLoaders', () => {
  it('oneById: every id of a batch in one statement per region, each row naming its region, null for none', async () => {
    const { load } = scopeFor(ADMIN);
    const note = load.oneById('public', tagged(notesByIds));
    const { statements, result } = await statementsOf(() =>
      note.loadMany([
        { region: 'JZ21', localId: 1 },
        { region: 'JZ21', localId: 4 },
        { region: 'JZ43', localId: 3 },
        { region: 'JZ43', localId: 99 },
      ]),
    );
    expect(statements).toBe(2);
    expect(result).toEqual([
      { id: 1, text: '12345678', region: 'JZ21' },
      { id: 4, text: 'JZ21', region: 'JZ21' },
      { id: 3, text: '87654321', region: 'JZ43' },
      null,
    ]);
  });

  it('rowsByKey and oneByKey: the rows whose column holds the key, one statement per region', async () => {
    const { load } = scopeFor(ADMIN);
    const byText = (k: { region: RegionCode; text: string }) => k.text;
    const all = load.rowsByKey('public', byText, 'text', notesByText);
    const { statements, result } = await statementsOf(() =>
      all.loadMany([
        { region: 'JZ21', text: '12345678' },
        { region: 'JZ21', text: 'none' },
        { region: 'JZ34', text: 'JZ34' },
      ]),
    );
    expect(statements).toBe(2);
    expect(result).toEqual([[{ id: 1, text: '12345678' }, { id: 2, text: '12345678' }], [], [{ id: 4, text: 'JZ34' }]]);
    expect(await load.oneByKey('public', byText, 'text', notesByText).loadMany([{ region: 'JZ43', text: '12345678' }, { region: 'JZ43', text: 'none' }])).toEqual([
      { id: 1, text: '12345678' },
      null,
    ]);
  });

  it("providerRows: a key naming no region reads every served region; keys with other arguments get their own statement", async () => {
    const { load } = scopeFor(ADMIN);
    const rows = load.providerRows('aggregate', tagged((src, agbCodes: string[], k: { agbCode: string; region: RegionCode | null; prefix: string }) => notesOfProviders(src, agbCodes, k.prefix)));
    const { statements, result } = await statementsOf(() =>
      rows.loadMany([
        { agbCode: '12345678', region: null, prefix: '1' },
        { prefix: '1', region: null, agbCode: '87654321' },
        { agbCode: '87654321', region: 'JZ43', prefix: '8' },
      ]),
    );
    // Three regions for the first shape, whatever the order its fields were written in; one for the second.
    expect(statements).toBe(4);
    const [everywhere, otherPrefix, jz43] = result as { region: RegionCode }[][];
    expect(everywhere!.map((r) => r.region)).toEqual(['JZ21', 'JZ21', 'JZ43', 'JZ43', 'JZ34', 'JZ34']);
    expect(otherPrefix).toEqual([]);
    expect(jz43).toEqual([{ id: 3, providerAgb: '87654321', region: 'JZ43' }]);
  });

  it('a key over several regions keeps the others when one fails, and reports it once; a key of that region fails at its own path', async () => {
    const { load, failures } = scopeFor(ADMIN, jz43Down);
    const rows = load.providerRows('aggregate', tagged((src, agbCodes: string[]) => notesOfProviders(src, agbCodes, '')));
    const [everywhere, again, inFailed] = await rows.loadMany([
      { agbCode: '12345678', region: null },
      { agbCode: '87654321', region: null },
      { agbCode: '12345678', region: 'JZ43' },
    ]);
    expect((everywhere as { region: RegionCode }[]).map((r) => r.region)).toEqual(['JZ21', 'JZ21', 'JZ34', 'JZ34']);
    expect(again).toHaveLength(2);
    expect(inFailed).toBeInstanceOf(GraphQLError);
    expect((inFailed as GraphQLError).extensions).toMatchObject({ code: 'REGION_UNAVAILABLE', region: 'JZ43' });
    expect(failures.errors.map((e) => e.extensions.region)).toEqual(['JZ43']);
  });

  it('checks access: a key of one region the caller may not read is FORBIDDEN unread; a key over several skips those regions', async () => {
    const analyst = scopeFor(ANALYST_JZ21).load.oneById('client', notesByIds);
    const { statements, result } = await statementsOf(() => analyst.loadMany([{ region: 'JZ21', localId: 1 }, { region: 'JZ43', localId: 1 }]));
    expect(statements).toBe(1);
    expect(result[0]).toEqual({ id: 1, text: '12345678' });
    expect((result[1] as GraphQLError).extensions.code).toBe('FORBIDDEN');

    const circle = scopeFor(CIRCLE_JZ21).load.providerRows('aggregate', tagged((src, agbCodes: string[]) => notesOfProviders(src, agbCodes, '')));
    const seen = await statementsOf(() => circle.load({ agbCode: '87654321', region: null }));
    expect(seen.statements).toBe(1);
    expect(seen.result).toEqual([{ id: 3, providerAgb: '87654321', region: 'JZ21' }]);
  });

  it('perRegion and ofRegion: one statement per distinct key, the same key asked twice read once', async () => {
    const { load } = scopeFor(ADMIN);
    const count = load.perRegion('public', (src, k: { region: RegionCode; text: string }) => noteCount(src, k.text));
    const { statements, result } = await statementsOf(() =>
      count.loadMany([
        { region: 'JZ21', text: '12345678' },
        { text: '12345678', region: 'JZ21' } as { region: RegionCode; text: string },
        { region: 'JZ21', text: 'JZ21' },
        { region: 'JZ34', text: 'JZ21' },
      ]),
    );
    expect(statements).toBe(3);
    expect(result).toEqual([2, 2, 1, 0]);
    const own = load.ofRegion('public', (src) => noteCount(src, src.code));
    expect(await own.loadMany(['JZ21', 'JZ43'])).toEqual([1, 1]);
  });

  it('acrossRegions: one key gathered over every served region, null where no region has it', async () => {
    const { load } = scopeFor(ADMIN);
    const everywhere = load.acrossRegions('public', 'text', tagged(notesByText), (rows) => ({ text: rows[0]!.text, regions: [...new Set(rows.map((r) => r.region))] }));
    const { statements, result } = await statementsOf(() => everywhere.loadMany(['87654321', 'nowhere']));
    expect(statements).toBe(3);
    expect(result).toEqual([{ text: '87654321', regions: ['JZ21', 'JZ43', 'JZ34'] }, null]);
  });
});
