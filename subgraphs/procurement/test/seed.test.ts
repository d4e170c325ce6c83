import { describe, expect, it } from 'vitest';
import { providerCount } from '@youth-care/lib/demo/providers';
import { generateRegionDataset } from '../src/seed.js';

describe('procurement demo data', () => {
  it('is the same every time for the same scale and end month', () => {
    const a = generateRegionDataset('JZ21', { scale: 0.1, until: '2026-06-01' });
    const b = generateRegionDataset('JZ21', { scale: 0.1, until: '2026-06-01' });
    expect(b).toEqual(a);
  });

  it('has the realistic volume at scale 1: almost 250 providers in West-Brabant Oost, the others by population', () => {
    expect(providerCount('JZ34', 1)).toBe(248);
    expect(providerCount('JZ33', 1)).toBeGreaterThan(providerCount('JZ35', 1));
    expect(providerCount('JZ43', 1)).toBeLessThan(100);
    const wbo = generateRegionDataset('JZ34', { scale: 1, until: '2026-06-01' });
    expect(wbo.providers).toHaveLength(248);
    expect(wbo.contracts.length).toBeGreaterThanOrEqual(248);
  });

  it('marks every provider as demo data and gives it an AGB code of 8 digits', () => {
    const data = generateRegionDataset('JZ43', { scale: 1, until: '2026-06-01' });
    for (const p of data.providers) {
      expect(p.demoData).toBe(true);
      expect(p.agbCode).toMatch(/^\d{8}$/);
    }
  });

  it('has monthly waiting-time reports for the last three years, only where a contract covers the category', () => {
    const data = generateRegionDataset('JZ35', { scale: 0.2, until: '2026-06-15' });
    const months = new Set(data.reports.map((r) => r.reportedOn));
    expect(months.size).toBe(36);
    expect([...months].sort()[0]).toBe('2023-07-01');
    expect([...months].sort().at(-1)).toBe('2026-06-01');
    const covered = new Set(data.contracts.flatMap((c) => c.productCategories.map((p) => `${c.providerAgb}|${p}`)));
    for (const r of data.reports) {
      expect(covered.has(`${r.providerAgb}|${r.productCategory}`)).toBe(true);
      expect(r.registrationToIntakeWeeks).toBeGreaterThanOrEqual(0);
    }
  });
});
