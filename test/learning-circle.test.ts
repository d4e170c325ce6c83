import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederation, type Federation } from './support/federation.js';
import { PINNED_DEMO } from './support/test-data.js';

/**
 * A learning circle's one question, "how do we compare?", across all three subgraphs: every
 * count that leaves a region is a multiple of 5 and at least 5, or suppressed.
 */
const QUERY = `query($years: [Int!]!) { regions { code name
  waitingTimeComparison(years: $years) { year providersReporting { value suppressed } providersOverNorm { value suppressed }
    shareOverNorm { value suppressed } medianTotalWeeks { value suppressed } waiting { value suppressed } waitingPer1000 { value suppressed } }
  accessComparison(years: $years) { year referrals { value suppressed } referralsPer1000 { value suppressed }
    ended { value suppressed } dropoutShare { value suppressed } averageDurationDays { value suppressed }
    medianDaysRequestToStart { value suppressed } }
  monitoringComparison(years: $years) { year indicators { indicator { code } count { value suppressed } value { value suppressed } }
    satisfaction { respondents { value suppressed } effect { value suppressed } }
    outcomes { trajectories { value suppressed } dropout { value suppressed } } } } }`;

let fed: Federation;
beforeAll(async () => {
  fed = await startFederation({ label: 'learning_circle', ...PINNED_DEMO });
});
afterAll(() => fed?.stop());

type Cell = { value: number | null; suppressed: boolean };

function cells(value: unknown, path: string, out: { path: string; cell: Cell }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => cells(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    if ('suppressed' in value && 'value' in value) out.push({ path, cell: value as Cell });
    else for (const [k, v] of Object.entries(value)) cells(v, `${path}.${k}`, out);
  }
  return out;
}

const COUNT = /(providersReporting|providersOverNorm|waiting|referrals|ended|count|respondents|trajectories)$/;

describe('a learning-circle comparison', () => {
  it('answers all five regions from all three subgraphs in one query', async () => {
    const { data, errors } = await fed.query(QUERY, { years: [2023, 2024, 2025] });
    expect(errors).toBeUndefined();
    expect(data.regions).toHaveLength(5);
    for (const region of data.regions) {
      expect(region.waitingTimeComparison).toHaveLength(3);
      expect(region.accessComparison).toHaveLength(3);
      expect(region.monitoringComparison).toHaveLength(3);
    }
  });

  it('rounds every count to a multiple of 5, suppresses those under 5, and every figure resting on them', async () => {
    const { data } = await fed.query(QUERY, { years: [2023, 2024, 2025] });
    const all = cells(data.regions, 'regions');
    expect(all.length).toBeGreaterThan(100);
    let suppressed = 0;
    for (const { path, cell } of all) {
      if (cell.suppressed) {
        suppressed++;
        expect(cell.value, path).toBeNull();
      }
      if (COUNT.test(path) && cell.value !== null) {
        expect(cell.value % 5, path).toBe(0);
        expect(cell.value, path).toBeGreaterThanOrEqual(5);
      }
    }
    // At this small demo scale the smallest region has counts under 5: suppression is exercised.
    expect(suppressed).toBeGreaterThan(0);
    for (const region of data.regions) {
      region.waitingTimeComparison.forEach((year: any) => {
        if (year.providersReporting.suppressed) expect(year.shareOverNorm.suppressed).toBe(true);
        if (year.providersOverNorm.suppressed) expect(year.shareOverNorm.suppressed).toBe(true);
      });
      region.accessComparison.forEach((year: any) => {
        if (year.referrals.suppressed) expect(year.referralsPer1000.suppressed).toBe(true);
        if (year.ended.suppressed) expect(year.dropoutShare.suppressed).toBe(true);
      });
    }
  });
});
