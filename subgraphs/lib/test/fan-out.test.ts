import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { DatabaseHub } from '../src/db/database.js';
import { RegionSources } from '../src/db/region-sources.js';
import { fanOut } from '../src/fan-out.js';
import { bareImage } from '../../../test/support/prepared-data.js';

// Starts from the run's image of an empty database: creating a new one costs several seconds.
const image = await bareImage();

describe('fanOut', () => {
  const config = loadConfig({ EMBEDDED_DATA_DIR: 'memory://', REGIONS: 'JZ21,JZ43,JZ34' });
  const hub = new DatabaseHub(config.database, image);
  const sources = new RegionSources({
    hub,
    config,
    baseSchema: 'probe',
    migrationsFolder: new URL('./fixtures/migrations', import.meta.url).pathname,
    tables: () => ({}),
    log: () => {},
  });
  beforeAll(() => sources.migrateAll());
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
});
