import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSubgraph, type SubgraphUnderTest } from '../../../test/support/subgraph.js';
import { rowsOf } from '@youth-care/lib/db/migrate';
import { regionInfo } from '@youth-care/lib/regions/registry';
import { tableCounts } from '../src/db/import-repository.js';
import { importJsonLines, type ImportContext } from '../src/import/importer.js';
import { checkRecord } from '../src/import/records.js';
import { FIXTURE, jsonLines } from './fixture.js';

let access: SubgraphUnderTest;
let context: ImportContext;
const TODAY = '2026-01-15';
const KEY = 'a-test-key-of-at-least-thirty-two-characters';

beforeAll(async () => {
  access = await startSubgraph('access', { label: 'access_import', scale: 0, env: { REGIONS: 'JZ43,JZ21' } });
  context = { source: await access.subgraph.sources.source('JZ43') as ImportContext['source'], region: regionInfo('JZ43'), pseudonymKey: KEY, today: TODAY };
});
afterAll(() => access?.stop());

async function clear() {
  const t = context.source.tables;
  await context.source.db.execute(sql`TRUNCATE ${t.planGoal}, ${t.plan}, ${t.declaration}, ${t.spendingMonth}, ${t.referralYear}, ${t.referralWait}, ${t.allocation},
    ${t.trajectory}, ${t.importBatch}`);
}

const without = (trajectory: string, message: string) => FIXTURE.filter((r) => !(r.trajectory === trajectory && r.message === message));
const replace = (trajectory: string, message: string, change: Record<string, unknown>) =>
  FIXTURE.map((r) => (r.trajectory === trajectory && r.message === message ? { ...r, ...change } : r));

describe('importing referral records', () => {
  beforeEach(clear);

  it('accepts an allocation on the municipal route without a request, and dates its referral on the allocation', async () => {
    const t2 = FIXTURE.filter((r) => r.trajectory === 'T2');
    expect(t2.map((r) => r.message)).toEqual(['JW301', 'JW305', 'JW307']);
    expect((await importJsonLines(context, jsonLines(t2))).status).toBe('IMPORTED');
    const t = context.source.tables.trajectory;
    const [row] = rowsOf<Record<string, unknown>>(
      await context.source.db.execute(sql`SELECT route, referrer_type, requested_on::text, allocated_on::text, started_on::text, municipality FROM ${t} WHERE id = 'T2'`),
    );
    expect(row).toEqual({ route: 'MUNICIPAL', referrer_type: '01', requested_on: '2025-02-01', allocated_on: '2025-02-01', started_on: '2025-02-15', municipality: 'GM0988' });
  });

  it('refuses an empty file, and reads a file that starts with a UTF-8 byte order mark as usual', async () => {
    for (const empty of ['', '\n\n', '\uFEFF']) {
      const report = await importJsonLines(context, empty);
      expect(report).toMatchObject({ status: 'REJECTED', problems: [{ line: 1, problems: ['the file holds no records'] }] });
    }
    expect((await importJsonLines(context, `\uFEFF${jsonLines(FIXTURE)}`)).status).toBe('IMPORTED');
  });

  it('imports a valid batch, and the same batch again changes nothing', async () => {
    const first = await importJsonLines(context, jsonLines(FIXTURE));
    expect(first).toMatchObject({ status: 'IMPORTED', problems: [], written: { trajectories: 6, allocations: 6, declarations: 3, plans: 2 } });
    const counts = await tableCounts(context.source);
    expect(counts).toEqual({ trajectories: 6, allocations: 6, declarations: 3, plans: 2, goals: 3 });
    const again = await importJsonLines(context, jsonLines(FIXTURE));
    expect(again.status).toBe('ALREADY_IMPORTED');
    expect(await tableCounts(context.source)).toEqual(counts);
  });

  it('continues a trajectory across batches, and accepts a batch repeating what is known', async () => {
    const opening = FIXTURE.filter((r) => r.trajectory === 'T4');
    expect((await importJsonLines(context, jsonLines(opening))).status).toBe('IMPORTED');
    const closing = [...opening, { message: 'JW307', trajectory: 'T4', endedOn: '2025-12-01', endReason: '31' }];
    const report = await importJsonLines(context, jsonLines(closing));
    expect(report).toMatchObject({ status: 'IMPORTED', written: { trajectories: 1, allocations: 0 } });
    const t = context.source.tables.trajectory;
    const rows = rowsOf<{ ended_on: string }>(await context.source.db.execute(sql`SELECT ended_on::text FROM ${t} WHERE id = 'T4'`));
    expect(rows[0]?.ended_on).toBe('2025-12-01');
  });

  it('keeps no client identifier: the same person gets the same pseudonym, another key another one', async () => {
    await importJsonLines(context, jsonLines(FIXTURE));
    const t = context.source.tables.trajectory;
    const rows = rowsOf<{ id: string; client_pseudonym: string }>(
      await context.source.db.execute(sql`SELECT id, client_pseudonym FROM ${t} ORDER BY id`),
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.client_pseudonym]));
    expect(byId.T1).toMatch(/^[0-9a-f]{32}$/);
    expect(byId.T1).toBe(byId.T4);
    expect(byId.T1).not.toBe(byId.T2);
    const dump = JSON.stringify(rowsOf(await context.source.db.execute(sql`SELECT * FROM ${t}`)));
    expect(dump).not.toContain('BSN-');
    await clear();
    await importJsonLines({ ...context, pseudonymKey: `${KEY}-other` }, jsonLines(FIXTURE));
    const other = rowsOf<{ client_pseudonym: string }>(await context.source.db.execute(sql`SELECT client_pseudonym FROM ${t} WHERE id = 'T1'`));
    expect(other[0]?.client_pseudonym).not.toBe(byId.T1);
  });

  it.each([
    ['a line that is not JSON', [...FIXTURE.map((r) => JSON.stringify(r)), '{not json'].join('\n'), /not valid JSON/],
    ['an unknown message', jsonLines([...FIXTURE, { message: 'JW999', trajectory: 'T1' }]), /message must be one of/],
    ['a referrer outside COD327', jsonLines(replace('T5', 'JW315', { referrerType: '07' })), /COD327/],
    ['a product category outside JZ020', jsonLines(replace('T5', 'JW315', { productCategory: '99' })), /JZ020/],
    ['a product code of another category', jsonLines(replace('T5', 'JW315', { productCode: '54A01' })), /does not belong to product category/],
    ['a municipality of another region', jsonLines(replace('T5', 'JW315', { municipality: 'GM0228' })), /not part of Midden-Limburg West/],
    ['an allocation without a request', jsonLines(without('T1', 'JW315').filter((r) => r.trajectory !== 'T1' || r.message === 'JW301')), /has no request/],
    [
      'an allocation without a request on a GP referral',
      jsonLines(replace('T2', 'JW301', { referrerType: '02' })),
      /JW301 for trajectory T2 has no request \(JW315\) before it; only an allocation on referral by the municipality \(referrer 01\) comes without one, this one names referrer 02/,
    ],
    ['a municipal-route allocation missing the young person', jsonLines(replace('T2', 'JW301', { client: undefined })), /client is missing/],
    ['a start before the allocation', jsonLines(replace('T1', 'JW305', { startedOn: '2025-01-15' })), /lies before the allocation/],
    ['an output-based allocation counted in hours', jsonLines(replace('T1', 'JW301', { financingVariant: 'OUTPUTGERICHT' })), /unit 04 does not fit financing variant OUTPUTGERICHT \(units 83, 84\)/],
    ['an effort-based allocation counted in euros', jsonLines(replace('T1', 'JW301', { unit: '83' })), /unit 83 does not fit financing variant INSPANNINGSGERICHT \(units 01, 04, 14, 16, 82\)/],
    ['a declaration on a task-based allocation', jsonLines(replace('T1', 'JW301', { financingVariant: 'TAAKGERICHT' })), /financed task-based \(TAAKGERICHT\): no declarations per client/],
    ['a start without an allocation', jsonLines(without('T5', 'JW301')), /has no allocation/],
    ['an end before the start', jsonLines(replace('T2', 'JW307', { endedOn: '2025-02-10' })), /lies before the start/],
    ['an end without a start', jsonLines(without('T2', 'JW305')), /has no start/],
    ['an end reason outside JZ588', jsonLines(replace('T2', 'JW307', { endReason: '99' })), /JZ588/],
    ['a date in the future', jsonLines(replace('T5', 'JW305', { startedOn: '2026-03-01' })), /in the future/],
    ['more declared than allocated', jsonLines(replace('T1', 'JW323', { volume: 11 })), /exceeds what allocation/],
    ['a declared unit other than the allocated one', jsonLines(replace('T3', 'JW323', { unit: '04' })), /differs from the allocation's unit/],
    ['a declaration before the start', jsonLines(replace('T3', 'JW323', { month: '2025-03' })), /before the start/],
    ['a crisis allocated more than four weeks after the start', jsonLines(replace('T6', 'JW301', { allocatedOn: '2025-07-10' })), /four weeks/],
    ['a perspective plan for care without residence', jsonLines(replace('T3', 'PLAN', { trajectory: 'T2' })), /perspective plan belongs to a residential/],
    ['a second coordinator for a family', jsonLines(replace('T5', 'PLAN', { family: 'FAM-3' })), /one coordinator/],
  ])('rejects a batch with %s whole, naming the record, writing nothing', async (_, text, reason) => {
    const report = await importJsonLines(context, text);
    expect(report.status).toBe('REJECTED');
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.map((p) => p.problems.join('; ')).join(' | ')).toMatch(reason);
    for (const p of report.problems) expect(p.line).toBeGreaterThan(0);
    expect(await tableCounts(context.source)).toEqual({ trajectories: 0, allocations: 0, declarations: 0, plans: 0, goals: 0 });
  });
});

describe('region membership over time', () => {
  it('takes Alphen-Chaam and Baarle-Nassau as West-Brabant Oost until 2019 and as Hart van Brabant from 2020', () => {
    const request = (municipality: string, requestedOn: string) => ({
      message: 'JW315', trajectory: 'X1', client: 'BSN-1', birthYear: 2010, municipality, referrerType: '02', productCategory: '45',
      productCode: '45A01', provider: '99100000', requestedOn, crisis: false, residential: false,
    });
    for (const municipality of ['GM1723', 'GM0744']) {
      expect(checkRecord(request(municipality, '2018-06-01'), regionInfo('JZ34')).problems).toEqual([]);
      expect(checkRecord(request(municipality, '2019-12-31'), regionInfo('JZ35')).problems).toEqual([
        `municipality ${municipality} is not part of Hart van Brabant (JZ35) on 2019-12-31`,
      ]);
      expect(checkRecord(request(municipality, '2020-01-01'), regionInfo('JZ35')).problems).toEqual([]);
      expect(checkRecord(request(municipality, '2020-01-01'), regionInfo('JZ34')).problems).toHaveLength(1);
    }
  });
});
