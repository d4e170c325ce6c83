/**
 * The CBS indicators monitoring computes, and where each is read from. The measure and dimension
 * codes are those of the shipped fixture (fixtures/cbs); check them against the live table's
 * MeasureCodes.json and <Dimension>Codes.json before importing CBS's own files.
 */
export type IndicatorKind =
  /** A count of young people or trajectories; compared per 1,000 young people (0-17). */
  | 'RATE'
  /** A count as a share (0 to 1) of another count, e.g. trajectories ended according to plan of all ended. */
  | 'SHARE'
  /** A mean (e.g. days), weighed by the count it is a mean over. */
  | 'MEAN';

export interface IndicatorDefinition {
  readonly code: string;
  readonly name: string;
  readonly kind: IndicatorKind;
  readonly tableId: string;
  readonly measure: string;
  /** The other dimensions' codes, as stored: "Dimension=Code" joined by ";" in name order. */
  readonly dims: string;
  /** SHARE: the whole; MEAN: the count the mean is over. */
  readonly weightMeasure: string | null;
  readonly unit: string;
}

const KERNCIJFERS = '85099NED';
const TRAJECTORIES = '85097NED';
const YOUNG_PEOPLE = 'M009901';
const STARTED = 'M009911';
const ENDED = 'M009912';
const DURATION = 'M009913';
const ACCORDING_TO_PLAN = 'M009914';
const EARLY = 'M009915';

const PER_1000 = 'per 1,000 young people (0-17)';
const rate = (code: string, name: string, tableId: string, measure: string, dims: string): IndicatorDefinition => ({
  code, name, kind: 'RATE', tableId, measure, dims, weightMeasure: null, unit: PER_1000,
});
const careForm = (form: string) => `SoortJeugdzorg=${form}`;
const referrer = (code: string) => `Verwijzer=${code}`;
const ALL_REFERRERS = referrer('T001102');

export const INDICATORS: readonly IndicatorDefinition[] = [
  rate('YOUTH_CARE', 'Young people with youth care (jeugdzorg)', KERNCIJFERS, YOUNG_PEOPLE, careForm('T001407')),
  rate('YOUTH_CARE_WITHOUT_RESIDENCE', 'Young people with youth care without residence', KERNCIJFERS, YOUNG_PEOPLE, careForm('A050401')),
  rate('YOUTH_CARE_WITH_RESIDENCE', 'Young people with youth care with residence', KERNCIJFERS, YOUNG_PEOPLE, careForm('A050402')),
  rate('CHILD_PROTECTION', 'Young people under a child protection measure', KERNCIJFERS, YOUNG_PEOPLE, careForm('A050403')),
  rate('YOUTH_PROBATION', 'Young people under youth probation', KERNCIJFERS, YOUNG_PEOPLE, careForm('A050404')),
  rate('TRAJECTORIES_STARTED', 'Youth-care trajectories started', TRAJECTORIES, STARTED, ALL_REFERRERS),
  rate('TRAJECTORIES_STARTED_VIA_MUNICIPALITY', 'Trajectories started on referral by the municipal access team', TRAJECTORIES, STARTED, referrer('A050411')),
  rate('TRAJECTORIES_STARTED_VIA_GP', 'Trajectories started on referral by a GP', TRAJECTORIES, STARTED, referrer('A050412')),
  rate('TRAJECTORIES_ENDED', 'Youth-care trajectories ended', TRAJECTORIES, ENDED, ALL_REFERRERS),
  {
    code: 'TRAJECTORIES_ENDED_ACCORDING_TO_PLAN', name: 'Ended trajectories that ended according to plan', kind: 'SHARE',
    tableId: TRAJECTORIES, measure: ACCORDING_TO_PLAN, dims: ALL_REFERRERS, weightMeasure: ENDED, unit: 'share of ended trajectories (0 to 1)',
  },
  {
    code: 'TRAJECTORIES_ENDED_EARLY', name: 'Ended trajectories that ended early', kind: 'SHARE',
    tableId: TRAJECTORIES, measure: EARLY, dims: ALL_REFERRERS, weightMeasure: ENDED, unit: 'share of ended trajectories (0 to 1)',
  },
  {
    code: 'AVERAGE_TRAJECTORY_DAYS', name: 'Average duration of ended trajectories', kind: 'MEAN',
    tableId: TRAJECTORIES, measure: DURATION, dims: ALL_REFERRERS, weightMeasure: ENDED, unit: 'days',
  },
];

const byCode = new Map(INDICATORS.map((i) => [i.code, i]));

export function indicator(code: string): IndicatorDefinition {
  const found = byCode.get(code);
  if (!found) throw new Error(`indicator ${code} is not in the catalog`);
  return found;
}
