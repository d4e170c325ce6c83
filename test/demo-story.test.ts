import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_REGION_CODES } from '@youth-care/lib/regions/registry';
import { demoInputs, generateAccessRecords } from '../subgraphs/access/src/seed.js';
import { todayInNetherlands } from '@youth-care/lib/scalars';
import { CBS_FIXTURES } from '../subgraphs/monitoring/src/seed.js';

/**
 * The demo's two sources of trajectory counts tell one story: the young people access's demo
 * referrals start on in a year (at scale 1, as npm start loads them) and the started trajectories
 * of the CBS demo fixture (85097NED) for the region agree within the 15 % its README states.
 */
const MARGIN = 0.15;
const SCALE = 0.2;
const YEAR = 2024;

const cbsStarted = (region: string) =>
  (JSON.parse(readFileSync(join(CBS_FIXTURES, '85097NED', 'Observations.json'), 'utf8')).value as any[]).find(
    (o) => o.Measure === 'M001611' && o.VerwijzerJeugdzorg === 'T001102' && o.Perioden === `${YEAR}JJ00` && o.RegioS === region,
  ).Value as number;

describe('the demo data', () => {
  it.each(DEMO_REGION_CODES)('starts as many trajectories in %s as the CBS fixture counts, within 15 %%', (region) => {
    const records = generateAccessRecords(region, demoInputs(region, { scale: SCALE, until: `${YEAR + 1}-06-01` }, todayInNetherlands()));
    const referred = records.filter(
      (r) => (r.message === 'JW315' && r.requestedOn.startsWith(String(YEAR))) || (r.message === 'JW301' && r.referrerType !== undefined && r.allocatedOn.startsWith(String(YEAR))),
    ).length;
    const perScale = referred / SCALE;
    const cbs = cbsStarted(region);
    expect(Math.abs(perScale - cbs) / cbs).toBeLessThan(MARGIN);
  });
});
