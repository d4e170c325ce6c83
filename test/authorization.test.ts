import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessTables } from '../subgraphs/access/src/db/schema.js';
import type { RegionSources } from '@youth-care/lib/db/region-sources';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import { ANONYMOUS } from '@youth-care/lib/auth/viewer';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { ADMIN, startFederation, type Federation, type GraphQLResponse } from './support/federation.js';

/**
 * Who may see what, through the gateway over HTTP: every role (and anonymous) against every root
 * field, every client-level field and a sample of aggregate fields. Each case names the outcome:
 * allowed; denied (null with FORBIDDEN at the field's path, the rest of the answer intact);
 * protected (allowed, every count rounded to 5 or suppressed); own (allowed, only the
 * provider's own records); hidden (null without an error: the record is not the caller's).
 */
type Outcome = 'allowed' | 'denied' | 'protected' | 'own' | 'hidden';
type Who = 'anonymous' | 'provider' | 'analyst' | 'circle' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'provider', 'analyst', 'circle', 'admin'];

interface Sample {
  provider: string;
  otherProvider: string;
  ownContract: string;
  otherContract: string;
  contract33: string;
  report: string;
  referral34: string;
  referral33: string;
  plan34: string;
  category: string;
}

let fed: Federation;
let s: Sample;
let viewers: Record<Who, Viewer>;
const today = todayInNetherlands();
const year = Number(today.slice(0, 4)) - 1;

beforeAll(async () => {
  fed = await startFederation({ label: 'authorization' });
  const { data } = await fed.query(
    `query($today: Date) {
      jz34: region(code: "JZ34") {
        contracts(activeOn: $today) { id provider { agbCode } productCategories { code } }
        latestWaitingTimes { id }
        clientLevel { referrals(first: 1) { nodes { id } } plans(first: 1) { nodes { id } } }
      }
      jz33: region(code: "JZ33") { contracts { id provider { agbCode } } clientLevel { referrals(first: 1) { nodes { id } } } }
    }`,
    { today },
  );
  const own = data.jz34.contracts[0];
  const other = data.jz34.contracts.find((c: { provider: { agbCode: string } }) => c.provider.agbCode !== own.provider.agbCode);
  s = {
    provider: own.provider.agbCode,
    otherProvider: other.provider.agbCode,
    ownContract: own.id,
    otherContract: other.id,
    contract33: data.jz33.contracts.find((c: { provider: { agbCode: string } }) => c.provider.agbCode !== own.provider.agbCode).id,
    report: data.jz34.latestWaitingTimes[0].id,
    referral34: data.jz34.clientLevel.referrals.nodes[0].id,
    referral33: data.jz33.clientLevel.referrals.nodes[0].id,
    plan34: data.jz34.clientLevel.plans.nodes[0].id,
    category: own.productCategories[0].code,
  };
  viewers = {
    anonymous: ANONYMOUS,
    provider: { role: 'provider', subject: 'portal-user', agbCode: s.provider },
    analyst: { role: 'region-analyst', subject: 'analyst-jz34', region: 'JZ34' },
    circle: { role: 'learning-circle', subject: 'circle-brabant', regions: ['JZ34', 'JZ33'] },
    admin: ADMIN,
  };
});
afterAll(() => fed?.stop());

interface Case {
  readonly name: string;
  readonly query: (s: Sample) => string;
  /** Where the field lands in the answer. */
  readonly path: readonly string[];
  readonly outcomes: Readonly<Record<Who, Outcome>>;
}

const all = (outcome: Outcome): Record<Who, Outcome> => ({ anonymous: outcome, provider: outcome, analyst: outcome, circle: outcome, admin: outcome });
const row = (anonymous: Outcome, provider: Outcome, analyst: Outcome, circle: Outcome, admin: Outcome) => ({ anonymous, provider, analyst, circle, admin });

const CASES: Case[] = [
  // Root fields.
  { name: 'Query.regions', query: () => `{ regions { code name } }`, path: ['regions'], outcomes: all('allowed') },
  { name: 'Query.region', query: () => `{ region(code: "JZ34") { name youthPopulation(year: ${year}) { youth0to17 } } }`, path: ['region'], outcomes: all('allowed') },
  { name: 'Query.municipality', query: () => `{ municipality(code: "GM0855") { name } }`, path: ['municipality'], outcomes: all('allowed') },
  { name: 'Query.productCategories', query: () => `{ productCategories { code } }`, path: ['productCategories'], outcomes: all('allowed') },
  { name: 'Query.referrerTypes', query: () => `{ referrerTypes { code } }`, path: ['referrerTypes'], outcomes: all('allowed') },
  { name: 'Query.endReasons', query: () => `{ endReasons { code } }`, path: ['endReasons'], outcomes: all('allowed') },
  { name: 'Query.monitoringIndicators', query: () => `{ monitoringIndicators { code } }`, path: ['monitoringIndicators'], outcomes: all('allowed') },
  { name: 'Query.cbsTables', query: () => `{ cbsTables { id } }`, path: ['cbsTables'], outcomes: all('allowed') },
  { name: 'Query.provider', query: (s) => `{ provider(agbCode: "${s.provider}") { name waitingTimes { totalWeeks } } }`, path: ['provider'], outcomes: all('allowed') },
  { name: 'Query.providers', query: () => `{ providers(regions: ["JZ34"]) { agbCode } }`, path: ['providers'], outcomes: all('allowed') },
  { name: 'Query.waitingTimeReport', query: (s) => `{ waitingTimeReport(id: "${s.report}") { totalWeeks } }`, path: ['waitingTimeReport'], outcomes: all('allowed') },
  {
    name: 'Query.contract, the provider\'s own',
    query: (s) => `{ contract(id: "${s.ownContract}") { id provider { agbCode } } }`,
    path: ['contract'],
    outcomes: row('denied', 'allowed', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Query.contract, another provider\'s',
    query: (s) => `{ contract(id: "${s.otherContract}") { id provider { agbCode } } }`,
    path: ['contract'],
    outcomes: row('denied', 'hidden', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Query.contract, in another region',
    query: (s) => `{ contract(id: "${s.contract33}") { id } }`,
    path: ['contract'],
    outcomes: row('denied', 'hidden', 'denied', 'denied', 'allowed'),
  },
  { name: 'Query.referral', query: (s) => `{ referral(id: "${s.referral34}") { id status } }`, path: ['referral'], outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed') },
  { name: 'Query.referral, another region', query: (s) => `{ referral(id: "${s.referral33}") { id } }`, path: ['referral'], outcomes: row('denied', 'denied', 'denied', 'denied', 'allowed') },
  { name: 'Query.plan', query: (s) => `{ plan(id: "${s.plan34}") { id kind } }`, path: ['plan'], outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed') },
  { name: 'Query.auditLog', query: () => `{ auditLog(region: "JZ34") { what } }`, path: ['auditLog'], outcomes: row('denied', 'denied', 'denied', 'denied', 'allowed') },

  // Client-level fields, including what hangs below them.
  {
    name: 'Region.clientLevel.referrals',
    query: () => `{ region(code: "JZ34") { clientLevel { referrals(first: 3) { totalCount nodes { id clientPseudonym birthYear } } } } }`,
    path: ['region', 'clientLevel'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.clientLevel.plans',
    query: () => `{ region(code: "JZ34") { clientLevel { plans(first: 3) { nodes { familyPseudonym goals { description } } } } } }`,
    path: ['region', 'clientLevel'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.clientLevel of another region',
    query: () => `{ region(code: "JZ33") { clientLevel { referrals(first: 3) { nodes { id } } } } }`,
    path: ['region', 'clientLevel'],
    outcomes: row('denied', 'denied', 'denied', 'denied', 'allowed'),
  },
  {
    name: 'Referral allocations, declarations and plans',
    query: (s) => `{ referral(id: "${s.referral34}") { allocations { volume } declarations { amountEuros } plans { kind } provider { name } } }`,
    path: ['referral'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },

  // Aggregates and records of a region.
  { name: 'Region.latestWaitingTimes', query: () => `{ region(code: "JZ34") { latestWaitingTimes { totalWeeks exceedsNorm } } }`, path: ['region', 'latestWaitingTimes'], outcomes: all('allowed') },
  { name: 'Region.waitingTimeSummary', query: () => `{ region(code: "JZ34") { waitingTimeSummary { providersReporting { value } } } }`, path: ['region', 'waitingTimeSummary'], outcomes: all('allowed') },
  { name: 'Region.indicators', query: () => `{ region(code: "JZ34") { indicators(periods: ["2023JJ00"]) { value { value } } } }`, path: ['region', 'indicators'], outcomes: all('allowed') },
  {
    name: 'Region.contracts',
    query: () => `{ region(code: "JZ34") { contracts { id provider { agbCode } } } }`,
    path: ['region', 'contracts'],
    outcomes: row('denied', 'own', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.contracts of another region',
    query: () => `{ region(code: "JZ33") { contracts { id provider { agbCode } } } }`,
    path: ['region', 'contracts'],
    outcomes: row('denied', 'own', 'denied', 'denied', 'allowed'),
  },
  {
    name: 'Provider.contracts, the provider\'s own',
    query: (s) => `{ provider(agbCode: "${s.provider}") { contracts { id provider { agbCode } } } }`,
    path: ['provider', 'contracts'],
    outcomes: row('denied', 'own', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Provider.contracts of another provider',
    query: (s) => `{ provider(agbCode: "${s.otherProvider}") { contracts { id } } }`,
    path: ['provider', 'contracts'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.accessStatistics',
    query: () => `{ region(code: "JZ34") { accessStatistics { referralFlows { referrals } leadTimes { trajectories } } } }`,
    path: ['region', 'accessStatistics'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.accessStatistics of another region',
    query: () => `{ region(code: "JZ33") { accessStatistics { leadTimes { trajectories } } } }`,
    path: ['region', 'accessStatistics'],
    outcomes: row('denied', 'denied', 'denied', 'denied', 'allowed'),
  },
  {
    name: 'Region.spending',
    query: () => `{ region(code: "JZ34") { spending(year: ${year}) { yearToDateEuros } } }`,
    path: ['region', 'spending'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.accessComparison',
    query: () => `{ region(code: "JZ33") { accessComparison(years: [${year}]) { referrals { value suppressed } ended { value suppressed } } } }`,
    path: ['region', 'accessComparison'],
    outcomes: row('denied', 'denied', 'protected', 'protected', 'protected'),
  },
  {
    name: 'Region.accessComparison outside the circle',
    query: () => `{ region(code: "JZ21") { accessComparison(years: [${year}]) { referrals { value } } } }`,
    path: ['region', 'accessComparison'],
    outcomes: row('denied', 'denied', 'protected', 'denied', 'protected'),
  },
  {
    name: 'Region.waitingTimeComparison',
    query: () => `{ region(code: "JZ33") { waitingTimeComparison(years: [${year}]) { providersReporting { value suppressed } waiting { value suppressed } } } }`,
    path: ['region', 'waitingTimeComparison'],
    outcomes: row('denied', 'denied', 'protected', 'protected', 'protected'),
  },
  {
    name: 'Region.monitoringComparison',
    query: () => `{ region(code: "JZ34") { monitoringComparison(years: [2023]) { indicators { count { value suppressed } } } } }`,
    path: ['region', 'monitoringComparison'],
    outcomes: row('denied', 'denied', 'protected', 'protected', 'protected'),
  },
  {
    name: 'Region.monitoringComparison outside the circle',
    query: () => `{ region(code: "JZ21") { monitoringComparison(years: [2023]) { year } } }`,
    path: ['region', 'monitoringComparison'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Region.outcomes',
    query: () => `{ region(code: "JZ34") { outcomes(years: [2023]) { trajectories { value suppressed } } } }`,
    path: ['region', 'outcomes'],
    outcomes: row('denied', 'protected', 'protected', 'protected', 'protected'),
  },
  {
    name: 'Region.clientSatisfaction',
    query: () => `{ region(code: "JZ34") { clientSatisfaction(years: [2023]) { respondents { value suppressed } } } }`,
    path: ['region', 'clientSatisfaction'],
    outcomes: row('denied', 'protected', 'protected', 'protected', 'protected'),
  },
  {
    name: 'Region.providerOutcomes',
    query: () => `{ region(code: "JZ34") { providerOutcomes(year: 2023) { provider { agbCode } trajectories { value suppressed } } } }`,
    path: ['region', 'providerOutcomes'],
    outcomes: row('denied', 'own', 'protected', 'protected', 'protected'),
  },
  {
    name: 'Provider.outcomes of another provider',
    query: (s) => `{ provider(agbCode: "${s.otherProvider}") { outcomes { year } } }`,
    path: ['provider', 'outcomes'],
    outcomes: row('denied', 'denied', 'allowed', 'allowed', 'allowed'),
  },
  {
    name: 'Provider.referralsReceived',
    query: (s) => `{ provider(agbCode: "${s.provider}") { referralsReceived { region { code } referrals { value suppressed } } } }`,
    path: ['provider', 'referralsReceived'],
    outcomes: row('denied', 'protected', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Provider.referralsReceived of another provider',
    query: (s) => `{ provider(agbCode: "${s.otherProvider}") { referralsReceived { referrals { value } } } }`,
    path: ['provider', 'referralsReceived'],
    outcomes: row('denied', 'denied', 'allowed', 'denied', 'allowed'),
  },
  {
    name: 'Provider.accessLeadTimes',
    query: (s) => `{ provider(agbCode: "${s.provider}") { accessLeadTimes { trajectories { value suppressed } requestToAllocation { medianDays { value } } } } }`,
    path: ['provider', 'accessLeadTimes'],
    outcomes: row('denied', 'protected', 'allowed', 'denied', 'allowed'),
  },
];

const at = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);

/** Every `{ value, suppressed }` count below a value. */
function counts(value: unknown): { value: number | null; suppressed: boolean }[] {
  if (Array.isArray(value)) return value.flatMap(counts);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if ('suppressed' in record && (record.value === null || Number.isInteger(record.value))) {
    return [record as { value: number | null; suppressed: boolean }];
  }
  return Object.values(record).flatMap(counts);
}

function agbCodes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(agbCodes);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  return [...(typeof record.agbCode === 'string' ? [record.agbCode] : []), ...Object.values(record).flatMap(agbCodes)];
}

function expectOutcome(response: GraphQLResponse, path: readonly string[], outcome: Outcome): void {
  const value = at(response.data, path);
  const forbidden = (response.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN');
  if (outcome === 'denied') {
    expect(value).toBeNull();
    expect(forbidden.map((e) => e.path?.join('.'))).toContain(path.join('.'));
    return;
  }
  expect(response.errors).toBeUndefined();
  if (outcome === 'hidden') {
    expect(value).toBeNull();
    return;
  }
  expect(value).not.toBeNull();
  expect(value).toBeDefined();
  if (outcome === 'protected') {
    for (const count of counts(value)) {
      if (count.suppressed) expect(count.value).toBeNull();
      else expect(count.value! % 5).toBe(0);
    }
  }
  if (outcome === 'own') {
    const seen = new Set(agbCodes(value));
    seen.delete(s.provider);
    expect([...seen]).toEqual([]);
  }
}

describe('the authorization matrix, through the gateway', () => {
  const cases = CASES.flatMap((c) => WHO.map((who) => [c.name, who, c.outcomes[who], c] as const));

  it('holds at least sixty cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('%s as %s: %s', async (_name, who, outcome, c) => {
    const response = await fed.query(c.query(s), undefined, viewers[who]);
    expect(response.status).toBe(200);
    expectOutcome(response, c.path, outcome);
  });

  it('denies one field and still answers the rest', async () => {
    const response = await fed.query(
      `{ region(code: "JZ34") { name latestWaitingTimes { totalWeeks } clientLevel { referrals { totalCount } } } }`,
      undefined,
      viewers.circle,
    );
    expect(response.data?.region.name).toBeTruthy();
    expect(response.data?.region.latestWaitingTimes.length).toBeGreaterThan(0);
    expect(response.data?.region.clientLevel).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ path: ['region', 'clientLevel'], extensions: { code: 'FORBIDDEN' } })]);
  });

  it('denies a field at every place it appears in a list', async () => {
    const response = await fed.query(`{ regions(codes: ["JZ34", "JZ33"]) { code contracts { id } } }`, undefined, ANONYMOUS);
    expect(response.data?.regions.map((r: { code: string; contracts: unknown }) => [r.code, r.contracts])).toEqual([
      ['JZ34', null],
      ['JZ33', null],
    ]);
    expect(response.errors?.map((e) => e.path)).toEqual([
      ['regions', 0, 'contracts'],
      ['regions', 1, 'contracts'],
    ]);
  });

  it('keeps figures exact inside the analyst\'s own region and protected outside it', async () => {
    const response = await fed.query(
      `{ provider(agbCode: "${s.provider}") { referralsReceived { region { code } referrals { value suppressed } } } }`,
      undefined,
      viewers.analyst,
    );
    const rows = response.data?.provider.referralsReceived as { region: { code: string }; referrals: { value: number | null } }[];
    const outside = rows.filter((r) => r.region.code !== 'JZ34').map((r) => r.referrals.value);
    const inside = rows.filter((r) => r.region.code === 'JZ34').map((r) => r.referrals.value);
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.some((v) => v !== null && v % 5 !== 0)).toBe(true);
    for (const v of outside) expect(v === null || v % 5 === 0).toBe(true);
  });
});

describe('reporting waiting times', () => {
  const REPORT = `mutation($input: ReportWaitingTimeInput!) { reportWaitingTime(input: $input) { id provider { agbCode } } }`;
  const input = (providerAgb: string) => ({
    region: 'JZ34',
    providerAgb,
    productCategory: s.category,
    registrationToIntakeWeeks: 3,
    intakeToTreatmentWeeks: 6,
    waitingCount: 12,
  });
  const reports = async (agb: string) =>
    ((await fed.query(`{ provider(agbCode: "${agb}") { waitingTimes(region: "JZ34", latestOnly: false) { id } } }`)).data?.provider.waitingTimes ?? []).length;

  it('lets a provider report its own', async () => {
    const response = await fed.query(REPORT, { input: input(s.provider) }, viewers.provider);
    expect(response.errors).toBeUndefined();
    expect(response.data?.reportWaitingTime.provider.agbCode).toBe(s.provider);
  });

  it.each(['provider', 'analyst', 'circle', 'anonymous'] as const)('denies %s a report for another provider, writing nothing', async (who) => {
    const before = await reports(s.otherProvider);
    const response = await fed.query(REPORT, { input: input(s.otherProvider) }, viewers[who]);
    expect(response.data?.reportWaitingTime ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await reports(s.otherProvider)).toBe(before);
  });

  it('denies the provider at the subgraph too, when the gateway is bypassed with valid claims', async () => {
    const before = await reports(s.otherProvider);
    const response = await fed.subgraphQuery('procurement', REPORT, { input: input(s.otherProvider) }, viewers.provider);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await reports(s.otherProvider)).toBe(before);
  });
});

describe('the audit log', () => {
  it('records who read which client-level data of which region, and when', async () => {
    const started = Date.now();
    const read = await fed.query(`{ referral(id: "${s.referral34}") { id } region(code: "JZ34") { clientLevel { plans(first: 2) { nodes { id } } } } }`);
    expect(read.errors).toBeUndefined();
    await fed.query(`{ referral(id: "${s.referral34}") { id } }`, undefined, viewers.analyst);
    const { data, errors } = await fed.query(`{ auditLog(region: "JZ34", first: 10) { at subject role region { code } what records recordIds } }`);
    expect(errors).toBeUndefined();
    const entries = data.auditLog as { at: string; subject: string; role: string; region: { code: string }; what: string; recordIds: string[] }[];
    const recent = entries.filter((e) => Date.parse(e.at) >= started - 1000);
    expect(recent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subject: 'test-admin', role: 'admin', region: { code: 'JZ34' }, what: 'Query.referral', recordIds: [s.referral34] }),
        expect.objectContaining({ subject: 'test-admin', role: 'admin', what: 'Region.clientLevel.plans', records: 2 }),
        expect.objectContaining({ subject: 'analyst-jz34', role: 'region-analyst', what: 'Query.referral', recordIds: [s.referral34] }),
      ]),
    );
  });

  it('withholds client-level data whose reading cannot be recorded', async () => {
    const access = fed.subgraphs.access!.sources as RegionSources<AccessTables>;
    const src = await access.source('JZ43');
    const rename = (from: string, to: string) => src.db.execute(sql.raw(`ALTER TABLE access_jz43.${from} RENAME TO ${to}`));
    await rename('audit_log', 'audit_log_away');
    try {
      const response = await fed.query(`{ region(code: "JZ43") { name clientLevel { referrals(first: 5) { nodes { id clientPseudonym } } } } }`);
      expect(response.data?.region?.clientLevel ?? null).toBeNull();
      expect(response.errors?.[0]?.message).toMatch(/withheld: the audit log could not be written/);
      expect(JSON.stringify(response)).not.toMatch(/JZ43:/);
    } finally {
      await rename('audit_log_away', 'audit_log');
    }
  });

  it('records nothing for a denied read', async () => {
    const before = (await fed.query(`{ auditLog(region: "JZ33") { at } }`)).data.auditLog.length;
    await fed.query(`{ referral(id: "${s.referral33}") { id } }`, undefined, viewers.analyst);
    expect((await fed.query(`{ auditLog(region: "JZ33") { at } }`)).data.auditLog.length).toBe(before);
  });
});
