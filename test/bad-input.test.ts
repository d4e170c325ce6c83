import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_TOKEN_SECRET } from '@youth-care/lib/config';
import { rowsOf } from '@youth-care/lib/db/migrate';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { tableCounts } from '../subgraphs/access/src/db/import-repository.js';
import type { AccessTables } from '../subgraphs/access/src/db/schema.js';
import { importJsonLines, type ImportContext } from '../subgraphs/access/src/import/importer.js';
import { importCbsFolder } from '../subgraphs/monitoring/src/cbs/import.js';
import { importReportRows } from '../subgraphs/monitoring/src/reports/import.js';
import { monitoringSources } from '../subgraphs/monitoring/src/sources.js';
import { HTTP_CASES, type HttpCase } from './bad-input/http-cases.js';
import { CBS_CASES, REFERRAL_CASES, REPORT_CASES } from './bad-input/import-cases.js';
import { startFederation, type Federation } from './support/federation.js';

// What an answer must never show: a stack frame, SQL, a file path or a connection detail.
const LEAKS = /\bat \S+ \(|\.(ts|js|mjs|cjs):\d+|stacktrace|\b(SELECT|INSERT|UPDATE|DELETE)\b .*\b(FROM|INTO|SET)\b|\/work\/|node_modules|ECONNREFUSED|postgres:\/\//;

let fed: Federation;
let auth: Record<string, string>;
const statuses: number[] = [];

beforeAll(async () => {
  fed = await startFederation({ label: 'bad_input', scale: 0.02 });
  auth = await fed.authorization({ role: 'admin', subject: 'bad-input' });
});
afterAll(() => fed?.stop());

async function send(c: HttpCase): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(c.anonymous ? {} : auth), ...c.headers };
  if (headers['content-type'] === '') delete headers['content-type'];
  const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const response = await fetch(`${fed.gatewayUrl}${c.search ?? ''}`, { method: c.method ?? 'POST', headers, body: c.method === 'GET' ? undefined : body });
  return { status: response.status, text: await response.text() };
}

const hs256 = (claims: Record<string, unknown>) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(DEVELOPMENT_TOKEN_SECRET));
const now = () => Math.floor(Date.now() / 1000);
const TOKEN_CLAIMS: [string, () => Record<string, unknown>][] = [
  ['expired', () => ({ exp: now() - 60 })],
  ['issued in the future', () => ({ iat: now() + 3600, exp: now() + 7200 })],
  ['living a week', () => ({ iat: now(), exp: now() + 7 * 86_400 })],
  ['without expiry', () => ({ exp: undefined })],
  ['for another audience', () => ({ aud: 'someone-else' })],
  ['from another issuer', () => ({ iss: 'someone-else' })],
  ['of an unknown role', () => ({ role: 'root' })],
  ['of a provider without AGB code', () => ({ role: 'provider' })],
  ['not yet valid', () => ({ nbf: now() + 3600 })],
];
const TOKEN_CASES: HttpCase[] = TOKEN_CLAIMS.map(([name]) => ({ name: `token ${name}`, body: { query: '{ regions { code } }' }, status: 401, code: 'UNAUTHENTICATED' }));

describe('the bad-input corpus over HTTP', () => {
  it.each([...HTTP_CASES, ...TOKEN_CASES])('$name: $status $code', async (c) => {
    const claims = TOKEN_CLAIMS.find(([name]) => c.name === `token ${name}`)?.[1]();
    const sent = claims
      ? await send({ ...c, headers: { authorization: `Bearer ${await hs256({ sub: 'x', role: 'admin', iss: fed.config.auth.issuer, aud: fed.config.auth.audience, iat: now(), exp: now() + 600, ...claims })}` } })
      : await send(c);
    statuses.push(sent.status);
    expect(sent.text).not.toMatch(LEAKS);
    expect(sent.status, sent.text.slice(0, 300)).toBe(c.status);
    const body = JSON.parse(sent.text) as { errors?: { extensions?: { code?: string } }[] };
    if (c.code) expect(body.errors?.map((e) => e.extensions?.code), sent.text.slice(0, 300)).toContain(c.code);
    else expect(body.errors, sent.text.slice(0, 300)).toBeUndefined();
  });

  it('gave no 5xx and the federation still answers', async () => {
    expect(statuses.length).toBe(HTTP_CASES.length + TOKEN_CASES.length);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const { data, errors } = await fed.query('{ regions { code } }');
    expect(errors).toBeUndefined();
    expect(data.regions).toHaveLength(5);
  });
});

describe('the bad-input corpus of the import commands', () => {
  let context: ImportContext;
  let reports: ReturnType<typeof monitoringSources>;
  const nationalRows = async () => {
    const source = await reports.national.source();
    return rowsOf<{ n: number }>(await source.db.execute(sql`SELECT count(*)::int AS n FROM ${source.tables.cbsObservation}`))[0]!.n;
  };
  const reportRows = async () => {
    const source = await reports.regions.source('JZ21');
    const counted = await source.db.execute(
      sql`SELECT (SELECT count(*) FROM ${source.tables.satisfactionSurvey})::int + (SELECT count(*) FROM ${source.tables.outcomeReport})::int AS n`,
    );
    return rowsOf<{ n: number }>(counted)[0]!.n;
  };
  beforeAll(async () => {
    const access = fed.subgraphs.access!.sources as RegionSources<AccessTables>;
    context = { source: await access.source('JZ43'), region: regionInfo('JZ43'), pseudonymKey: 'a-test-key-of-at-least-thirty-two-characters', today: '2026-01-15' };
    reports = monitoringSources({ config: fed.config, hub: fed.hub, log: () => {} });
    await reports.regions.migrateAll();
    await reports.national.prepare();
  });

  it.each(REFERRAL_CASES)('referrals, $name: $status, nothing written', async (c) => {
    const before = await tableCounts(context.source);
    const report = await importJsonLines(context, c.text);
    expect(report.status).toBe(c.status);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(report.problems)).not.toMatch(LEAKS);
    expect(await tableCounts(context.source)).toEqual(before);
  });

  it.each(REPORT_CASES)('$kind, $name: $outcome, nothing written', async (c) => {
    const before = await reportRows();
    const rows = c.rows.map((raw, i) => ({ where: `entry ${i + 1}`, raw: Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) }));
    const error = await importReportRows(c.kind, reports.regions, 'corpus.json', rows, 'IMPORT', () => {}, null).then(() => undefined, (e: unknown) => e);
    expect((error as Error | undefined)?.name).toBe(c.outcome);
    expect(String((error as Error).message)).not.toMatch(LEAKS);
    expect(await reportRows()).toBe(before);
  });

  it.each(CBS_CASES)('CBS, $name: $outcome, nothing written', async (c) => {
    const folder = mkdtempSync(join(tmpdir(), 'cbs-corpus-'));
    try {
      for (const [file, text] of Object.entries(c.files)) writeFileSync(join(folder, file), text);
      const before = await nationalRows();
      const error = await importCbsFolder(reports.national, folder, () => {}).then(() => undefined, (e: unknown) => e);
      expect((error as Error | undefined)?.name).toBe(c.outcome);
      expect(await nationalRows()).toBe(before);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('holds at least 200 cases', () => {
    expect(HTTP_CASES.length + TOKEN_CASES.length + REFERRAL_CASES.length + REPORT_CASES.length + CBS_CASES.length).toBeGreaterThanOrEqual(200);
  });
});
