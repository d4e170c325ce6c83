import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS_HEADER, signClaims } from '@youth-care/lib/auth/signed-claims';
import { createLog } from '@youth-care/lib/log';
import { withRequestId } from '@youth-care/lib/observability/request-id';
import { ADMIN, startFederation, type Federation } from './support/federation.js';
import { bareImage } from './support/prepared-data.js';

/** JSON log lines written to memory instead of stderr. */
function capture() {
  const lines: Record<string, any>[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, any>);
      done();
    },
  });
  return { lines, log: (service: string) => createLog(service, { format: 'json', level: 'info' }, out) };
}

describe('log lines of a request', () => {
  const logs = capture();
  let fed: Federation;
  beforeAll(async () => {
    // Nothing listens on port 1: every read of JZ43 fails and is logged.
    fed = await startFederation({ label: 'logs', env: { REGIONS: 'JZ21,JZ43', REGION_JZ43_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/region_jz43' }, log: logs.log });
  });
  afterAll(() => fed?.stop());

  const ask = async (headers: Record<string, string>) => {
    const response = await fetch(fed.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await fed.authorization(ADMIN)), ...headers },
      body: JSON.stringify({ query: '{ regions { code contracts { id } } }' }),
    });
    await response.json();
    return response.headers.get('x-request-id');
  };

  it('carry the request id the response returns, in the gateway and in the subgraphs it asked', async () => {
    const before = logs.lines.length;
    const id = await ask({});
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const during = logs.lines.slice(before);
    const failures = during.filter((line) => /region JZ43/.test(line.msg));
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures.map((line) => line.component))).toContain('procurement');
    for (const line of during) expect(line.requestId).toBe(id);
  });

  it('keep the id a proxy or client sent, and refuse one that could forge a log line', async () => {
    expect(await ask({ 'x-request-id': 'proxy-7f3a.42' })).toBe('proxy-7f3a.42');
    const before = logs.lines.length;
    const replaced = await ask({ 'x-request-id': 'evil"} {"level":"fatal' });
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    for (const line of logs.lines.slice(before)) expect(line.requestId).toBe(replaced);
  });

  it('hold no bearer token of any request', async () => {
    const { authorization } = await fed.authorization(ADMIN);
    const token = authorization!.replace('Bearer ', '');
    await ask({});
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs.lines)).not.toContain(token);
  });
});

describe('redaction', () => {
  const logs = capture();
  const log = logs.log('test');
  const last = () => JSON.stringify(logs.lines.at(-1));

  it('hides authorization headers, tokens, claims and pseudonyms wherever they sit', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbmFseXN0In0.c2lnbmF0dXJl';
    withRequestId('req-1', () =>
      log('caller refused', {
        headers: { authorization: `Bearer ${jwt}`, [CLAIMS_HEADER]: signClaims(ADMIN, 'a'.repeat(32)), 'content-type': 'application/json' },
        token: 'opaque-token-value',
        claims: { role: 'region-analyst', region: 'JZ21' },
        referral: { id: 'JZ21:7', pseudonym: 'p-7d1e9c' },
        note: `retried with Bearer ${jwt}`,
      }),
    );
    const line = logs.lines.at(-1)!;
    expect(line.requestId).toBe('req-1');
    for (const secret of [jwt, 'opaque-token-value', 'region-analyst', 'p-7d1e9c', signClaims(ADMIN, 'a'.repeat(32)).slice(0, 20)]) {
      expect(last()).not.toContain(secret);
    }
    expect(line.detail.headers['content-type']).toBe('application/json');
    expect(line.detail.referral.id).toBe('JZ21:7');
    expect(line.detail.note).toBe('retried with Bearer [redacted]');
  });

  it("keeps a failed statement's text and drops its parameters", async () => {
    // Starts from the run's image of an empty database: creating a new one costs several seconds.
    const client = new PGlite({ loadDataDir: await bareImage() });
    const db = drizzle({ client });
    try {
      const failure = await db.execute(sql`SELECT * FROM no_such_table WHERE agb_code = ${'99100370'} AND pseudonym = ${'p-5c2e'}`).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(JSON.stringify({ message: (failure as Error).message })).toContain('99100370');
      log('region JZ21 failed', failure);
    } finally {
      await client.close();
    }
    const line = logs.lines.at(-1)!;
    expect(line.level).toBe('error');
    expect(line.err.message).toMatch(/no_such_table/);
    expect(last()).not.toContain('99100370');
    expect(last()).not.toContain('p-5c2e');
  });

  it('hides the parameters postgres.js attaches to its errors', () => {
    const error = Object.assign(new Error('relation "contract" does not exist'), { query: 'SELECT * FROM contract WHERE provider_agb = $1', parameters: ['99100370'] });
    log('region JZ34 failed', error);
    expect(logs.lines.at(-1)!.err.query).toBe('SELECT * FROM contract WHERE provider_agb = $1');
    expect(last()).not.toContain('99100370');
  });

  it('follows LOG_LEVEL: below the level, nothing is written', () => {
    const quiet = capture();
    const warnOnly = quiet.log('test');
    const atWarn = createLog('test', { format: 'json', level: 'warn' }, new Writable({ write: (c: Buffer, _e, done) => (quiet.lines.push(JSON.parse(c.toString())), done()) }));
    warnOnly('shown at info');
    atWarn('an info line');
    atWarn('an error line', new Error('boom'));
    expect(quiet.lines.map((l) => l.msg)).toEqual(['shown at info', 'an error line']);
  });
});
