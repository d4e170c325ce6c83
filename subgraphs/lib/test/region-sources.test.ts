import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DatabaseHub } from '../src/db/database.js';
import { rowsOf } from '../src/db/migrate.js';
import { bareImage } from '../../../test/support/prepared-data.js';
import { probeSources } from './fixtures/probe-sources.js';

// Starts from the run's image of an empty database: creating a new one costs several seconds.
const image = await bareImage();

describe('RegionSources', () => {
  // JZ43's server does not answer (nothing listens on port 1); JZ21 lives in the embedded database.
  const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://', REGIONS: 'JZ21,JZ43', REGION_JZ43_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATABASE_CONNECT_TIMEOUT_S: '1' });
  const hub = new DatabaseHub(config.database, image);
  const logged: string[] = [];
  const sources = probeSources(hub, config, (message) => logged.push(message));
  afterAll(() => hub.close());

  it('serves nothing before it is prepared', async () => {
    await expect(sources.source('JZ21')).rejects.toThrow(/not prepared/);
    expect(hub.statementCount).toBe(0);
  });

  it('migrates at prepare only; a region that failed stays unavailable without a request migrating it', async () => {
    expect(await sources.migrateAll()).toEqual({ ready: ['JZ21'], failed: ['JZ43'] });
    expect(logged).toContainEqual(expect.stringMatching(/region JZ43 could not be migrated; it stays unavailable and is tried again in the background/));
    expect((await sources.source('JZ21')).schema).toBe('probe_jz21');
    const before = hub.statementCount;
    await expect(sources.source('JZ43')).rejects.toThrow(/region JZ43 is not prepared/);
    await expect(sources.source('JZ21')).resolves.toMatchObject({ code: 'JZ21' });
    expect(hub.statementCount).toBe(before);
  });

  it("leaves the shared connection's search_path as it was: the migration set it for its own transaction only", async () => {
    const result = await hub.embedded().execute(sql`SHOW search_path`);
    expect(rowsOf<{ search_path: string }>(result)[0]?.search_path).not.toMatch(/probe/);
  });
});
