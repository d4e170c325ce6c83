import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { REPO } from '../../../test/support/process.js';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { fetchCbsTable, FetchFailed } from '../src/cbs/fetch.js';
import { importCbsFolder } from '../src/cbs/import.js';
import { CBS_FIXTURES } from '../src/seed.js';
import { monitoringSources } from '../src/sources.js';

/**
 * A stand-in for odata4.cbs.nl on a free local port, serving the shipped 85099NED fixture the
 * way CBS's OData v4 service does: entity sets in pages with an absolute @odata.nextLink,
 * $filter on Perioden, $skip. It can be told to fail requests with 503 first.
 */
const TABLE = '85099NED';
const PAGE = 500;
const fixture = (file: string) => JSON.parse(readFileSync(join(CBS_FIXTURES, TABLE, `${file}.json`), 'utf8'));
const observations: { Perioden: string }[] = fixture('Observations').value;
const DIMENSIONS = [
  { Identifier: 'VormenVanJeugdzorg', Title: 'Vormen van jeugdzorg', Kind: 'Dimension' },
  { Identifier: 'RegioS', Title: "Regio's", Kind: 'GeoDimension' },
  { Identifier: 'Perioden', Title: 'Perioden', Kind: 'TimeDimension' },
];

let server: Server;
let base: string;
let failNext = 0;
let failAlways = false;
const requests: string[] = [];

function page(url: URL, rows: unknown[], pageSize: number) {
  const skip = Number(url.searchParams.get('$skip') ?? 0);
  const slice = rows.slice(skip, skip + pageSize);
  const next = new URL(url);
  next.searchParams.set('$skip', String(skip + pageSize));
  return {
    '@odata.context': `${base}/${TABLE}/$metadata#${url.pathname.split('/').pop()}`,
    value: slice,
    ...(skip + pageSize < rows.length ? { '@odata.nextLink': next.toString() } : {}),
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(url.pathname + url.search);
    if (failAlways || failNext > 0) {
      failNext = Math.max(0, failNext - 1);
      res.writeHead(503).end('busy');
      return;
    }
    const set = url.pathname.replace(`/CBS/${TABLE}/`, '');
    let body: unknown;
    if (set === 'Properties') body = fixture('Properties');
    else if (set === 'Dimensions') body = { value: DIMENSIONS };
    else if (set === 'RegioSCodes') body = page(url, fixture('RegioSCodes').value, 20);
    else if (/^\w+Codes$/.test(set) && DIMENSIONS.some((d) => `${d.Identifier}Codes` === set) || set === 'MeasureCodes') body = fixture(set);
    else if (set === 'Observations') {
      const wanted = [...(url.searchParams.get('$filter') ?? '').matchAll(/Perioden eq '(\w+)'/g)].map((m) => m[1]);
      body = page(url, observations.filter((o) => wanted.length === 0 || wanted.includes(o.Perioden)), PAGE);
    }
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/CBS`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const quiet = () => {};

describe('fetching a CBS table', () => {
  let database: TestDatabase;
  let hub: DatabaseHub;
  beforeAll(async () => {
    database = await createTestDatabase('cbs_fetch');
    hub = new DatabaseHub(loadConfig(database.env).database, database.image);
  });
  afterAll(async () => {
    await hub?.close();
    await database?.drop();
  });

  it('follows @odata.nextLink over every page, retries a 503 with backoff, shows progress, and writes what import:cbs reads', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cbs-fetch-'));
    const lines: string[] = [];
    requests.length = 0;
    failNext = 0;
    const run = fetchCbsTable({ table: TABLE, periods: ['2023', '2024'], out, baseUrl: base, retryDelayMs: 5 }, (line) => {
      lines.push(line);
      // The first page of observations is in: make the next request fail once.
      if (/Observations: page 1,/.test(line)) failNext = 1;
    });
    const result = await run;
    const wanted = observations.filter((o) => o.Perioden.startsWith('2023') || o.Perioden.startsWith('2024'));
    expect(wanted.length).toBeGreaterThan(PAGE * 2);
    expect(result).toMatchObject({ folder: join(out, TABLE), observations: wanted.length, retries: 1 });
    expect(requests.filter((r) => r.includes('/Observations')).length).toBe(Math.ceil(wanted.length / PAGE) + 1);
    expect(requests.some((r) => r.includes('/RegioSCodes?%24skip=20') || r.includes('/RegioSCodes?$skip=20'))).toBe(true);
    expect(lines.join('\n')).toMatch(/Observations: page 2, 1000 rows/);
    expect(lines.join('\n')).toMatch(/HTTP 503; trying again in 5 ms/);
    expect(readdirSync(join(out, TABLE)).sort()).toEqual(
      ['MeasureCodes', 'Observations', 'PeriodenCodes', 'Properties', 'RegioSCodes', 'VormenVanJeugdzorgCodes'].map((f) => `${f}.json`),
    );

    const { national } = monitoringSources({ config: loadConfig(database.env), hub, log: quiet });
    const imported = await importCbsFolder(national, result.folder, quiet);
    expect(imported).toMatchObject({ tableId: TABLE, observations: wanted.length, inserted: wanted.length });
  });

  it('gives up after the set number of tries, naming the address, and leaves nothing half-written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cbs-fetch-'));
    failAlways = true;
    try {
      const error = await fetchCbsTable({ table: TABLE, periods: [], out, baseUrl: base, attempts: 3, retryDelayMs: 1 }, quiet).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FetchFailed);
      expect((error as Error).message).toMatch(/\/CBS\/85099NED\/Properties: HTTP 503, given up after 3 tries/);
    } finally {
      failAlways = false;
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses periods the table does not have, naming those it has', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cbs-fetch-'));
    const error = await fetchCbsTable({ table: TABLE, periods: ['2015'], out, baseUrl: base, retryDelayMs: 1 }, quiet).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/none of the periods 2015 is in the table; it has 2021JJ00, .*2024HJ01/);
    expect(existsSync(join(out, TABLE))).toBe(false);
  });

  it('runs as npm run fetch:cbs does, printing its progress', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cbs-fetch-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['subgraphs/lib/src/run-typescript.mjs', 'subgraphs/monitoring/src/commands/fetch-cbs.ts', TABLE, '--periods', '2024HJ01', '--base-url', base, '--out', out],
      { cwd: REPO },
    );
    const count = observations.filter((o) => o.Perioden === '2024HJ01').length;
    expect(stdout).toMatch(/85099NED: 3 dimensions, 1 periods \(2024HJ01\)/);
    expect(stdout).toContain(`85099NED: ${count} observations written to ${join(out, TABLE)}`);
  });
});
