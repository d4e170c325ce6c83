import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DatabaseHub } from '../src/db/database.js';
import { sql } from 'drizzle-orm';
import { regionQuery } from '../src/db/region-query.js';
import { fanOut, fanOutTogether } from '../src/fan-out.js';
import { bareImage } from '../../../test/support/prepared-data.js';
import { syntheticRegionCodes } from '../src/regions/registry.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { probeSources } from './fixtures/probe-sources.js';

// Starts from the run's image of an empty database: creating a new one costs several seconds.
const image = await bareImage();

describe('fanOut', () => {
  const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://', REGIONS: 'JZ21,JZ43,JZ34' });
  const hub = new DatabaseHub(config.database, image);
  const sources = probeSources(hub, config);
  beforeAll(async () => {
    await sources.migrateAll();
    const notes = { JZ21: ['a'], JZ43: ['b', 'c'], JZ34: [] } as const;
    for (const [code, texts] of Object.entries(notes)) {
      const src = await sources.source(code as keyof typeof notes);
      for (const text of texts) await src.db.execute(sql`INSERT INTO ${sql.identifier(src.schema)}.note (text) VALUES (${text})`);
    }
  });
  afterAll(() => hub.close());

  it('runs every region in parallel and keeps the answers of those that succeed', async () => {
    const started = Date.now();
    const { results, failures } = await fanOut(
      sources,
      ['JZ21', 'JZ43', 'JZ34'],
      async (src) => {
        if (src.code === 'JZ43') throw new Error('connection reset');
        await new Promise((resolve) => setTimeout(resolve, src.code === 'JZ34' ? 2_000 : 200));
        return src.schema;
      },
      800,
      () => {},
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect([...results]).toEqual([['JZ21', 'probe_jz21']]);
    expect(failures.get('JZ43')?.extensions).toMatchObject({ code: 'REGION_UNAVAILABLE', region: 'JZ43' });
    expect(failures.get('JZ43')?.message).not.toContain('connection reset');
    expect(failures.get('JZ34')?.message).toMatch(/timed out/);
  });

  const notes = (src: { schema: string }) => regionQuery<{ text: string }>(sql`SELECT text FROM ${sql.identifier(src.schema)}.note ORDER BY id`);
  const statementsOf = async (work: () => Promise<unknown>) => {
    const before = hub.statementCount;
    await work();
    return hub.statementCount - before;
  };

  it('asks regions that share a database in one statement, and hands each region its own rows', async () => {
    let outcome: Awaited<ReturnType<typeof fanOutTogether>> | undefined;
    const statements = await statementsOf(async () => {
      outcome = await fanOutTogether(sources, ['JZ21', 'JZ43', 'JZ34'], notes, 5_000, () => {});
    });
    expect(statements).toBe(1);
    expect(outcome!.failures.size).toBe(0);
    expect(Object.fromEntries(outcome!.results)).toEqual({ JZ21: [{ text: 'a' }], JZ43: [{ text: 'b' }, { text: 'c' }], JZ34: [] });
  });

  it('asks each region on its own when their statement fails, so that a broken region fails alone', async () => {
    const logged: string[] = [];
    const broken = (src: { code: string; schema: string }) =>
      src.code === 'JZ43' ? regionQuery<{ text: string }>(sql`SELECT text FROM ${sql.identifier(src.schema)}.missing`) : notes(src);
    let outcome: Awaited<ReturnType<typeof fanOutTogether>> | undefined;
    const statements = await statementsOf(async () => {
      outcome = await fanOutTogether(sources, ['JZ21', 'JZ43', 'JZ34'], broken, 5_000, (message) => logged.push(message));
    });
    expect(statements).toBe(1 + 3);
    expect(Object.fromEntries(outcome!.results)).toEqual({ JZ21: [{ text: 'a' }], JZ34: [] });
    expect(outcome!.failures.get('JZ43')?.extensions).toMatchObject({ code: 'REGION_UNAVAILABLE', region: 'JZ43' });
    expect(logged).toEqual(['regions JZ21, JZ43, JZ34 failed together; asking each on its own', 'region JZ43 failed']);
  });
});

describe('fanOutTogether over many regions', async () => {
  const regions = syntheticRegionCodes(17);
  const database = await createTestDatabase('fan_out_many');
  const config = loadConfig({ ...database.env, REGIONS: regions.join(',') });
  const hub = new DatabaseHub(config.database, database.image);
  const sources = probeSources(hub, config);
  beforeAll(() => sources.migrateAll());
  afterAll(async () => {
    await hub.close();
    await database.drop();
  });

  it('asks them in one statement on the embedded database, and in a few on a server, which plans them side by side', async () => {
    const before = hub.statementCount;
    const { results, failures } = await fanOutTogether(
      sources,
      regions,
      (src) => regionQuery<{ schema: string }>(sql`SELECT ${src.schema}::text AS schema`),
      5_000,
      () => {},
    );
    expect(hub.statementCount - before).toBe(database.mode === 'embedded' ? 1 : 3);
    expect(failures.size).toBe(0);
    expect(Object.fromEntries(results)).toEqual(Object.fromEntries(regions.map((code) => [code, [{ schema: `probe_${code.toLowerCase()}` }]])));
  });
});
