import { FIXTURE, jsonLines } from '../../subgraphs/access/test/fixture.js';

/** A referral batch (JSON Lines, `npm run import:referrals`) that must be rejected whole. */
export interface ReferralCase {
  readonly name: string;
  readonly text: string;
  readonly status: 'REJECTED';
}

/** Report rows (`npm run import:satisfaction`, `import:outcomes`) that must be rejected whole. */
export interface ReportCase {
  readonly name: string;
  readonly kind: 'satisfaction' | 'outcomes';
  readonly rows: Record<string, unknown>[];
  readonly outcome: 'ImportRejected';
}

/** A CBS table folder (`npm run import:cbs`), as file name to text, that must be rejected whole. */
export interface CbsCase {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly outcome: 'ImportRejected';
}

type Row = Record<string, unknown>;
const change = (trajectory: string, message: string, fields: Row) =>
  jsonLines(FIXTURE.map((r) => (r.trajectory === trajectory && r.message === message ? { ...r, ...fields } : r)));
const drop = (trajectory: string, message: string) => jsonLines(FIXTURE.filter((r) => !(r.trajectory === trajectory && r.message === message)));
const referral = (name: string, text: string): ReferralCase => ({ name, text, status: 'REJECTED' });

export const REFERRAL_CASES: ReferralCase[] = [
  referral('a line that is not JSON', `${jsonLines(FIXTURE)}\n{"message": "JW315",`),
  referral('a JSON array line', `${jsonLines(FIXTURE)}\n[1, 2]`),
  referral('a null line', `${jsonLines(FIXTURE)}\nnull`),
  referral('an unknown message', `${jsonLines(FIXTURE)}\n{"message":"JW999","trajectory":"T9"}`),
  referral('no message', `${jsonLines(FIXTURE)}\n{"trajectory":"T9"}`),
  referral('an allocation before its request', change('T1', 'JW301', { allocatedOn: '2024-12-01', validFrom: '2024-12-01' })),
  referral('a start before its allocation', change('T2', 'JW305', { startedOn: '2025-01-01' })),
  referral('an end before its start', change('T1', 'JW307', { endedOn: '2025-01-01' })),
  referral('an end without a start', drop('T2', 'JW305')),
  referral('an allocation without a request', drop('T3', 'JW315')),
  referral('an unknown referrer type', change('T1', 'JW315', { referrerType: '99' })),
  referral('an unknown product category', change('T1', 'JW315', { productCategory: '99' })),
  referral('a product code of the wrong length', change('T1', 'JW315', { productCode: '45A0' })),
  referral('an unknown municipality', change('T1', 'JW315', { municipality: 'GM9999' })),
  referral('a municipality of another region', change('T1', 'JW315', { municipality: 'GM0855' })),
  referral('a malformed provider AGB code', change('T1', 'JW315', { provider: '9910' })),
  referral('a date that is no date', change('T1', 'JW315', { requestedOn: '2025-02-30' })),
  referral('a date in the future', change('T4', 'JW305', { startedOn: '2099-01-01' })),
  referral('a birth year in the future', change('T1', 'JW315', { birthYear: 2999 })),
  referral('a birth year as text', change('T1', 'JW315', { birthYear: 'twenty' })),
  referral('an unknown end reason', change('T1', 'JW307', { endReason: 'XX' })),
  referral('an unknown unit', change('T1', 'JW301', { unit: '99' })),
  referral('a negative volume', change('T1', 'JW301', { volume: -2 })),
  referral('a declaration over the allocated volume', change('T1', 'JW323', { volume: 10_000 })),
  referral('a declaration outside the care period', change('T2', 'JW305', {}) + `\n${JSON.stringify({ message: 'JW323', trajectory: 'T2', month: '2025-12', productCode: '45A02', volume: 1, unit: '04', amountEuros: 82, bridgingCare: false })}`),
  referral('a negative amount', change('T1', 'JW323', { amountEuros: -656 })),
  referral('an unknown plan kind', change('T3', 'PLAN', { kind: 'DREAM_PLAN' })),
  referral('an unknown goal attainment', change('T5', 'PLAN', { goals: [{ description: 'x', attainment: 'MAYBE' }] })),
  referral('a trajectory id with a null byte', change('T1', 'JW315', { trajectory: 'T1\u0000' })),
  referral('a 10 kB client id', change('T1', 'JW315', { client: 'x'.repeat(10_000) })),
  referral('a field of the wrong type', change('T1', 'JW315', { crisis: 'yes' })),
];

const satisfaction = (fields: Row): Row => ({ region: 'JZ21', year: 2024, respondents: 120, accessibility_pct: 80, quality_pct: 75, effect_pct: 70, ...fields });
const outcome = (fields: Row): Row => ({ region: 'JZ21', year: 2024, provider_agb: '99100000', trajectories: 40, dropout_pct: 10, ...fields });
const report = (kind: ReportCase['kind'], name: string, rows: Row[]): ReportCase => ({ name, kind, rows, outcome: 'ImportRejected' });

export const REPORT_CASES: ReportCase[] = [
  report('satisfaction', 'no rows', []),
  report('satisfaction', 'an unknown region', [satisfaction({ region: 'JZ99' })]),
  report('satisfaction', 'a year before the Jeugdwet', [satisfaction({ year: 1999 })]),
  report('satisfaction', 'a year in the future', [satisfaction({ year: 2999 })]),
  report('satisfaction', 'a share over 100', [satisfaction({ quality_pct: 140 })]),
  report('satisfaction', 'a negative count', [satisfaction({ respondents: -1 })]),
  report('satisfaction', 'a count as text', [satisfaction({ respondents: 'many' })]),
  report('satisfaction', 'a grade over 10', [satisfaction({ overall_grade: 11 })]),
  report('satisfaction', 'a missing column', [{ region: 'JZ21', year: 2024 }]),
  report('satisfaction', 'an unknown column', [satisfaction({ bsn: '123456789' })]),
  report('satisfaction', 'the same region and year twice', [satisfaction({}), satisfaction({})]),
  report('satisfaction', 'a malformed AGB code', [satisfaction({ provider_agb: '12' })]),
  report('satisfaction', 'a null byte in the region', [satisfaction({ region: 'JZ21\u0000' })]),
  report('outcomes', 'no rows', []),
  report('outcomes', 'no provider', [outcome({ provider_agb: undefined })]),
  report('outcomes', 'a share below 0', [outcome({ dropout_pct: -5 })]),
  report('outcomes', 'NaN', [outcome({ dropout_pct: 'NaN' })]),
  report('outcomes', 'Infinity', [outcome({ trajectories: 'Infinity' })]),
  report('outcomes', 'an unknown region', [outcome({ region: 'XX' })]),
  report('outcomes', 'one good row and one bad', [outcome({}), outcome({ provider_agb: '99100001', year: 'last' })]),
];

const properties = JSON.stringify({ Identifier: '85099NED', Title: 'Kerncijfers over jeugdzorg' });
export const CBS_CASES: CbsCase[] = [
  { name: 'an empty folder', files: {}, outcome: 'ImportRejected' },
  { name: 'broken Properties.json', files: { 'Properties.json': '{' }, outcome: 'ImportRejected' },
  { name: 'no observations', files: { 'Properties.json': properties }, outcome: 'ImportRejected' },
  { name: 'observations that are not a list', files: { 'Properties.json': properties, 'MeasureCodes.json': '{"value":[]}', 'Observations.json': '{"value": 5}' }, outcome: 'ImportRejected' },
  { name: 'an unknown table', files: { 'Properties.json': JSON.stringify({ Identifier: '../../etc', Title: 'x' }), 'Observations.json': '{"value":[]}' }, outcome: 'ImportRejected' },
];
