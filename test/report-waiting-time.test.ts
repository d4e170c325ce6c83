import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { addDays } from '@youth-care/lib/dates';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { startFederation, type Federation } from './support/federation.js';

const REPORT = `mutation($input: ReportWaitingTimeInput!) { reportWaitingTime(input: $input) {
  id region { code } provider { agbCode } productCategory { code } reportedOn
  registrationToIntakeWeeks intakeToTreatmentWeeks totalWeeks waitingCount { value suppressed } bridgingCareOffered
  norm { totalWeeks } exceedsNorm weeksOverNorm source } }`;

let fed: Federation;
let agb: string;
let covered: string;
let notCovered: string;
let outsider: string;
const today = todayInNetherlands();

async function reportCount(): Promise<number> {
  const src = await fed.procurementSubgraph.sources.source('JZ34');
  const result = await src.db.execute(sql`SELECT count(*)::int AS n FROM ${src.tables.waitingTimeReport}`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}

beforeAll(async () => {
  fed = await startFederation({ label: 'report' });
  const { data } = await fed.query(`query($today: Date) { region(code: "JZ34") {
    contracts(activeOn: $today) { provider { agbCode } productCategories { code } } } providers(regions: ["JZ35"]) { agbCode regions { code } } }`, { today });
  const contract = data.region.contracts.find((c: { productCategories: { code: string }[] }) =>
    c.productCategories.some((p) => p.code === '45'));
  agb = contract.provider.agbCode;
  covered = '45';
  const held = new Set(
    data.region.contracts
      .filter((c: { provider: { agbCode: string } }) => c.provider.agbCode === agb)
      .flatMap((c: { productCategories: { code: string }[] }) => c.productCategories.map((p) => p.code)),
  );
  notCovered = ['40', '41', '43', '44', '51', '52', '54'].find((c) => !held.has(c))!;
  outsider = data.providers.find((p: { regions: { code: string }[] }) => !p.regions.some((r) => r.code === 'JZ34')).agbCode;
});
afterAll(() => fed?.stop());

const valid = () => ({
  region: 'JZ34',
  providerAgb: agb,
  productCategory: covered,
  registrationToIntakeWeeks: 5.5,
  intakeToTreatmentWeeks: 12,
  waitingCount: 17,
  bridgingCareOffered: true,
});

describe('reportWaitingTime', () => {
  it.each([
    ['an unknown region', { region: 'JZ99' }, 'input.region'],
    ['a malformed AGB code', { providerAgb: '12ab' }, 'input.providerAgb'],
    ['an unknown product category', { productCategory: '99' }, 'input.productCategory'],
    ['negative weeks to intake', { registrationToIntakeWeeks: -1 }, 'input.registrationToIntakeWeeks'],
    ['implausible weeks to intake', { registrationToIntakeWeeks: 500 }, 'input.registrationToIntakeWeeks'],
    ['negative weeks to treatment', { intakeToTreatmentWeeks: -0.5 }, 'input.intakeToTreatmentWeeks'],
    ['implausible weeks to treatment', { intakeToTreatmentWeeks: 105 }, 'input.intakeToTreatmentWeeks'],
    ['a negative number waiting', { waitingCount: -3 }, 'input.waitingCount'],
    ['a date in the future', { reportedOn: addDays(today, 1) }, 'input.reportedOn'],
    ['a date more than a year back', { reportedOn: addDays(today, -400) }, 'input.reportedOn'],
  ])('rejects %s with BAD_USER_INPUT naming the field, writing nothing', async (_, change, field) => {
    const before = await reportCount();
    const { data, errors } = await fed.query(REPORT, { input: { ...valid(), ...change } });
    expect(data?.reportWaitingTime ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).toContain(field);
    expect(await reportCount()).toBe(before);
  });

  it('rejects a provider without a contract in the region, writing nothing', async () => {
    const before = await reportCount();
    const { errors } = await fed.query(REPORT, { input: { ...valid(), providerAgb: outsider } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerAgb' });
    expect(await reportCount()).toBe(before);
  });

  it('rejects a product category the provider holds no contract for, writing nothing', async () => {
    const before = await reportCount();
    const { errors } = await fed.query(REPORT, { input: { ...valid(), productCategory: notCovered } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productCategory' });
    expect(await reportCount()).toBe(before);
  });

  it('rejects a date that is not a calendar date', async () => {
    const { errors } = await fed.query(REPORT, { input: { ...valid(), reportedOn: '2025-13-01' } });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts a valid report, shows it to the next query, and lets a same-day report correct it', async () => {
    const before = await reportCount();
    const first = await fed.query(REPORT, { input: valid() });
    expect(first.errors).toBeUndefined();
    expect(first.data.reportWaitingTime).toMatchObject({
      region: { code: 'JZ34' },
      provider: { agbCode: agb },
      productCategory: { code: '45' },
      reportedOn: today,
      totalWeeks: 17.5,
      waitingCount: { value: 17, suppressed: false },
      bridgingCareOffered: true,
      norm: { totalWeeks: 14 },
      exceedsNorm: true,
      weeksOverNorm: 3.5,
      source: 'PROVIDER_PORTAL',
    });
    expect(await reportCount()).toBe(before + 1);

    const latest = await fed.query(`query($agb: ID) { region(code: "JZ34") { latestWaitingTimes(productCategories: ["45"], providerAgb: $agb) { id reportedOn totalWeeks } } }`, { agb });
    expect(latest.data.region.latestWaitingTimes).toEqual([{ id: first.data.reportWaitingTime.id, reportedOn: today, totalWeeks: 17.5 }]);

    const corrected = await fed.query(REPORT, { input: { ...valid(), registrationToIntakeWeeks: 3, intakeToTreatmentWeeks: 9 } });
    expect(corrected.data.reportWaitingTime).toMatchObject({ id: first.data.reportWaitingTime.id, totalWeeks: 12, exceedsNorm: false, weeksOverNorm: 0 });
    expect(await reportCount()).toBe(before + 1);
  });

  it('shows waiting counts exact to the provider itself, its region\'s analysts and admins, and to anyone else under the small-number rule', async () => {
    const { data: reported } = await fed.query(REPORT, { input: { ...valid(), waitingCount: 17 } });
    const id = reported.reportWaitingTime.id;
    const count = `query($id: ID!) { waitingTimeReport(id: $id) { waitingCount { value suppressed } } }`;
    const seen = async (as: Parameters<Federation['query']>[2]) => (await fed.query(count, { id }, as)).data?.waitingTimeReport?.waitingCount;
    const exact = { value: 17, suppressed: false };
    const rounded = { value: 15, suppressed: false };
    expect(await seen({ role: 'provider', subject: 'p', agbCode: agb })).toEqual(exact);
    expect(await seen({ role: 'region-analyst', subject: 'a', region: 'JZ34' })).toEqual(exact);
    expect(await seen({ role: 'admin', subject: 'x' })).toEqual(exact);
    expect(await seen({ role: 'anonymous', subject: null })).toEqual(rounded);
    expect(await seen({ role: 'provider', subject: 'q', agbCode: outsider })).toEqual(rounded);
    expect(await seen({ role: 'region-analyst', subject: 'b', region: 'JZ21' })).toEqual(rounded);
    await fed.query(REPORT, { input: { ...valid(), waitingCount: 3 } });
    expect(await seen({ role: 'anonymous', subject: null })).toEqual({ value: null, suppressed: true });
    expect(await seen({ role: 'provider', subject: 'p', agbCode: agb })).toEqual({ value: 3, suppressed: false });

    // The region's summary: exact inside the region, protected outside it, one rule for every count.
    const summary = `{ region(code: "JZ34") { waitingTimeSummary { providersReporting { value suppressed } providersOverNorm { value suppressed } shareOverNorm
      byProductCategory { productCategory { code } providersReporting { value suppressed } totalWaiting { value suppressed } } } } }`;
    const inside = (await fed.query(summary, {}, { role: 'region-analyst', subject: 'a', region: 'JZ34' })).data.region.waitingTimeSummary;
    const outside = (await fed.query(summary, {}, { role: 'anonymous', subject: null })).data.region.waitingTimeSummary;
    const protect = (c: { value: number }) => (c.value < 5 ? { value: null, suppressed: true } : { value: Math.round(c.value / 5) * 5, suppressed: false });
    expect(outside.providersReporting).toEqual(protect(inside.providersReporting));
    expect(outside.providersOverNorm).toEqual(protect(inside.providersOverNorm));
    const categories = inside.byProductCategory.map((c: any) => ({ ...c, providersReporting: protect(c.providersReporting), totalWaiting: protect(c.totalWaiting) }));
    expect(outside.byProductCategory).toEqual(categories);
    expect(categories.some((c: any) => c.providersReporting.suppressed || c.totalWaiting.value !== inside.byProductCategory.find((i: any) => i.productCategory.code === c.productCategory.code).totalWaiting.value)).toBe(true);
  });
});
