import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { loadConfig } from '@youth-care/lib/config';
import { DatabaseHub } from '@youth-care/lib/db/database';
import { rowsOf } from '@youth-care/lib/db/migrate';
import type { NationalSource } from '@youth-care/lib/db/national-source';
import { importCbsFolder } from '../src/cbs/import.js';
import { hasTable } from '../src/db/national-repository.js';
import type { NationalTables } from '../src/db/national-schema.js';
import { ImportRejected } from '../src/reports/rejected.js';
import { CBS_FIXTURES } from '../src/seed.js';
import { monitoringSources } from '../src/sources.js';

let database: TestDatabase;
let hub: DatabaseHub;
let national: NationalSource<NationalTables>;
const quiet = () => {};

beforeAll(async () => {
  database = await createTestDatabase('cbs_import');
  const config = loadConfig(database.env);
  hub = new DatabaseHub(config.database, database.image);
  national = monitoringSources({ config, hub, log: quiet }).national;
});
afterAll(async () => {
  await hub?.close();
  await database?.drop();
});

async function cell(table: string, measure: string, dims: string, period: string, area: string) {
  const src = await national.source();
  const o = src.tables.cbsObservation;
  const result = await src.db.execute(
    sql`SELECT value, marker, status FROM ${o} WHERE table_id = ${table} AND measure = ${measure} AND dims = ${dims} AND period = ${period} AND area = ${area}`,
  );
  return rowsOf<{ value: number | null; marker: string | null; status: string }>(result)[0];
}

/** A copy of a fixture table to change, as a new table id unless `keepId`. */
function copyOf(table: string, id: string | null, change: (observations: any[], files: Record<string, any>) => void): string {
  const folder = mkdtempSync(join(tmpdir(), `cbs-${table}-`));
  cpSync(join(CBS_FIXTURES, table), folder, { recursive: true });
  const read = (name: string) => JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8'));
  const files: Record<string, any> = {
    Properties: read('Properties'),
    MeasureCodes: read('MeasureCodes'),
    PeriodenCodes: read('PeriodenCodes'),
    Observations: read('Observations'),
  };
  if (id) files.Properties.Identifier = id;
  change(files.Observations.value, files);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(folder, `${name}.json`), JSON.stringify(body));
  return folder;
}

async function rejection(folder: string): Promise<string[]> {
  const error = await importCbsFolder(national, folder, quiet).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejected);
  return [...(error as ImportRejected).problems];
}

const fixture = (table: string, file: string) => JSON.parse(readFileSync(join(CBS_FIXTURES, table, `${file}.json`), 'utf8'));
const YOUNG_PEOPLE = 'M001607';
const TOTAL = 'VormenVanJeugdzorg=T001407';

describe('CBS import', () => {
  it('reads the OData v4 fixture tables into the national source', async () => {
    const kern = await importCbsFolder(national, join(CBS_FIXTURES, '85099NED'), quiet);
    const trajectories = await importCbsFolder(national, join(CBS_FIXTURES, '85097NED'), quiet);
    expect(kern).toMatchObject({ tableId: '85099NED', inserted: kern.observations, updated: 0 });
    expect(trajectories).toMatchObject({ tableId: '85097NED', inserted: trajectories.observations, updated: 0 });
    const weert = fixture('85099NED', 'Observations').value.find(
      (o: any) => o.Measure === YOUNG_PEOPLE && o.VormenVanJeugdzorg === 'T001407' && o.Perioden === '2023JJ00' && o.RegioS === 'GM0988',
    );
    expect(await cell('85099NED', YOUNG_PEOPLE, TOTAL, '2023JJ00', 'GM0988')).toEqual({ value: weert.Value, marker: null, status: 'REVISED_PROVISIONAL' });
    // All nine referrer members of 85097NED are kept.
    const src = await national.source();
    const referrers = rowsOf(await src.db.execute(sql`SELECT code FROM ${src.tables.cbsCode} WHERE table_id = '85097NED' AND dimension = 'VerwijzerJeugdzorg'`));
    expect(referrers).toHaveLength(9);
  });

  it('reads the OData v3 TypedDataSet with DataProperties, as cbsodata saves it: topics matched to measures, padded codes trimmed', async () => {
    const old = await importCbsFolder(national, join(CBS_FIXTURES, '84134NED'), quiet);
    expect(old).toMatchObject({ tableId: '84134NED', inserted: old.observations });
    const row = fixture('84134NED', 'TypedDataSet').find((r: any) => r.RegioS.trim() === 'GM0855' && r.Perioden === '2019JJ00' && r.VormenVanJeugdzorg.trim() === 'T001407');
    expect(await cell('84134NED', YOUNG_PEOPLE, TOTAL, '2019JJ00', 'GM0855')).toEqual({ value: row.JongerenMetJeugdzorg_1, marker: null, status: 'FINAL' });
    expect(await cell('84134NED', 'M001608', TOTAL, '2019JJ00', 'GM0855')).toMatchObject({ value: row.JongerenMetJeugdzorgRelatief_2 });
    // A null in the typed data set is CBS's "." of the untyped one.
    const secret = fixture('84134NED', 'TypedDataSet').find((r: any) => r.JongerenMetJeugdzorg_1 === null);
    expect(await cell('84134NED', YOUNG_PEOPLE, `VormenVanJeugdzorg=${secret.VormenVanJeugdzorg.trim()}`, secret.Perioden, secret.RegioS.trim())).toMatchObject({ value: null, marker: '.' });
  });

  it('matches measures and members by their CBS title where a table version renamed the identifier', async () => {
    const folder = copyOf('85099NED', null, (observations, files) => {
      for (const m of files.MeasureCodes.value) if (m.Identifier === YOUNG_PEOPLE) m.Identifier = 'M999001';
      for (const o of observations) if (o.Measure === YOUNG_PEOPLE) o.Measure = 'M999001';
    });
    const codes = JSON.parse(readFileSync(join(folder, 'VormenVanJeugdzorgCodes.json'), 'utf8'));
    for (const c of codes.value) if (c.Identifier === 'T001407') c.Identifier = 'T999999';
    writeFileSync(join(folder, 'VormenVanJeugdzorgCodes.json'), JSON.stringify(codes));
    const observations = JSON.parse(readFileSync(join(folder, 'Observations.json'), 'utf8'));
    for (const o of observations.value) if (o.VormenVanJeugdzorg === 'T001407') o.VormenVanJeugdzorg = 'T999999';
    writeFileSync(join(folder, 'Observations.json'), JSON.stringify(observations));
    // The same figures under new identifiers land on the same cells: nothing changes.
    const again = await importCbsFolder(national, folder, quiet);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: again.observations });
  });

  it('refuses a file that lacks an expected measure or dimension, naming what was expected and what the file holds', async () => {
    const folder = copyOf('85099NED', null, (observations, files) => {
      files.MeasureCodes.value = files.MeasureCodes.value.filter((m: any) => m.Identifier !== YOUNG_PEOPLE);
      files.Observations.value = observations.filter((o) => o.Measure !== YOUNG_PEOPLE);
    });
    const problems = (await rejection(folder)).join('\n');
    expect(problems).toMatch(/85099NED measures: expected "Jongeren met jeugdzorg" \(M001607 or JongerenMetJeugdzorg_1\); the file holds M001608 "Jongeren met jeugdzorg, relatief"/);

    const renamed = copyOf('85099NED', null, () => {});
    rmSync(join(renamed, 'VormenVanJeugdzorgCodes.json'));
    cpSync(join(CBS_FIXTURES, '85099NED', 'VormenVanJeugdzorgCodes.json'), join(renamed, 'SoortJeugdzorgCodes.json'));
    expect((await rejection(renamed)).join('\n')).toMatch(/expected dimension VormenVanJeugdzorg; the file has Perioden, RegioS, SoortJeugdzorg/);
  });

  it('reads a file that starts with a UTF-8 byte order mark as usual', async () => {
    const folder = copyOf('85099NED', 'TESTBOM', () => {});
    writeFileSync(join(folder, 'Properties.json'), `\uFEFF${readFileSync(join(folder, 'Properties.json'), 'utf8')}`);
    expect((await importCbsFolder(national, folder, quiet)).tableId).toBe('TESTBOM');
  });

  it('keeps a "." or a secret marker as a figure without value, never a zero', async () => {
    const secret = fixture('85099NED', 'Observations').value.find((o: any) => o.ValueAttribute === 'Secret' && o.Measure === YOUNG_PEOPLE);
    const where = [`VormenVanJeugdzorg=${secret.VormenVanJeugdzorg}`, secret.Perioden, secret.RegioS] as const;
    expect(await cell('85099NED', YOUNG_PEOPLE, ...where)).toMatchObject({ value: null, marker: 'Secret' });
    const folder = copyOf('85099NED', 'TESTDOT', (observations) => {
      Object.assign(observations[0], { Value: null, ValueAttribute: 'None', StringValue: '.' });
    });
    await importCbsFolder(national, folder, quiet);
    expect(await cell('TESTDOT', YOUNG_PEOPLE, TOTAL, '2021JJ00', 'GM0855')).toMatchObject({ value: null, marker: '.' });
  });

  it('changes nothing when the same files are imported again', async () => {
    const src = await national.source();
    const before = rowsOf(await src.db.execute(sql`SELECT id, imported_at FROM ${src.tables.cbsTable} ORDER BY id`));
    const again = await importCbsFolder(national, join(CBS_FIXTURES, '85099NED'), quiet);
    expect(again).toMatchObject({ inserted: 0, updated: 0, keptLaterStatus: 0, unchanged: again.observations, codesChanged: 0 });
    expect(rowsOf(await src.db.execute(sql`SELECT id, imported_at FROM ${src.tables.cbsTable} ORDER BY id`))).toEqual(before);
  });

  it('keeps statuses apart: a later status replaces an earlier one, an earlier one never replaces a later', async () => {
    const final = copyOf('85099NED', null, (observations, files) => {
      for (const p of files.PeriodenCodes.value) if (p.Identifier === '2024JJ00') p.Status = 'Definitief';
      const weert = observations.find((o) => o.RegioS === 'GM0988' && o.Perioden === '2024JJ00' && o.Measure === YOUNG_PEOPLE && o.VormenVanJeugdzorg === 'T001407');
      weert.Value += 5;
    });
    const provisional = await cell('85099NED', YOUNG_PEOPLE, TOTAL, '2024JJ00', 'GM0988');
    expect(provisional?.status).toBe('PROVISIONAL');
    const upgraded = await importCbsFolder(national, final, quiet);
    expect(upgraded.updated).toBeGreaterThan(0);
    expect(await cell('85099NED', YOUNG_PEOPLE, TOTAL, '2024JJ00', 'GM0988')).toEqual({ value: provisional!.value! + 5, marker: null, status: 'FINAL' });

    const stale = await importCbsFolder(national, join(CBS_FIXTURES, '85099NED'), quiet);
    expect(stale.updated).toBe(0);
    expect(stale.keptLaterStatus).toBe(upgraded.updated);
    expect(await cell('85099NED', YOUNG_PEOPLE, TOTAL, '2024JJ00', 'GM0988')).toMatchObject({ value: provisional!.value! + 5, status: 'FINAL' });
  });

  it.each([
    ['an unknown measure', (o: any[]) => void (o[3].Measure = 'M000000'), /entry 3 .*Measure "M000000" is not in the table's measures/],
    ['an unknown region code', (o: any[]) => void (o[4].RegioS = 'GM9999'), /entry 4 .*RegioS "GM9999" is not in the RegioS codes/],
    ['a value that is no number', (o: any[]) => void (o[5].Value = 'veel'), /entry 5 .*Value must be a number or null, got "veel"/],
    ['a second figure for one cell', (o: any[]) => void o.push({ ...o[0], Id: 999_999 }), /a second figure for M001607 GM0855 2021JJ00/],
    ['a column without a code list', (o: any[]) => void (o[6].Geslacht = 'T001038'), /unknown column Geslacht/],
    ['an observation without Id', (o: any[]) => void delete o[7].Id, /entry 7: Id must be a whole number/],
  ])('rejects a whole table with %s, naming it, and writes nothing', async (_, change, reason) => {
    const folder = copyOf('85099NED', 'TESTBAD', change);
    const problems = await rejection(folder);
    expect(problems.join('\n')).toMatch(reason);
    expect(await hasTable(await national.source(), 'TESTBAD')).toBe(false);
  });

  it('rejects a period without a known status, a missing file, broken JSON and one page of several', async () => {
    const badStatus = copyOf('85099NED', 'TESTBAD', (_, files) => void (files.PeriodenCodes.value[0].Status = 'Misschien'));
    expect((await rejection(badStatus)).join('\n')).toMatch(/period 2021JJ00 has Status "Misschien"/);

    const paged = copyOf('85099NED', 'TESTBAD', (_, files) => void (files.Observations['@odata.nextLink'] = 'https://odata4.cbs.nl/CBS/85099NED/Observations?$skip=10000'));
    expect((await rejection(paged)).join('\n')).toMatch(/one page of several/);

    const broken = copyOf('85099NED', 'TESTBAD', () => {});
    writeFileSync(join(broken, 'Observations.json'), '{"value": [ {"Id": 0, ');
    expect((await rejection(broken)).join('\n')).toMatch(/Observations.json: not valid JSON/);

    const missing = copyOf('85099NED', 'TESTBAD', () => {});
    rmSync(join(missing, 'MeasureCodes.json'));
    expect((await rejection(missing)).join('\n')).toMatch(/MeasureCodes.json: missing/);

    expect(await rejection(join(tmpdir(), 'no-such-cbs-folder'))).toEqual(['not a readable folder']);
    expect(await hasTable(await national.source(), 'TESTBAD')).toBe(false);
  });
});
