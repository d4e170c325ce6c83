import type { AgeRange } from '@youth-care/lib/regions/population';
import { CARE_FORMS, cell, KERNCIJFERS, KERNCIJFERS_2015_2020, MEASURES, REFERRERS, TRAJECTORIES, type CbsCodeSpec } from '../cbs/tables.js';

/** The CBS indicators monitoring computes, and where each is read from (see cbs/tables.ts). */
export type IndicatorKind =
  /** A count of young people or trajectories; compared per 1,000 young people of the count's age range. */
  | 'RATE'
  /** A count as a share (0 to 1) of another count, e.g. trajectories ended according to plan of all ended. */
  | 'SHARE'
  /** A mean (e.g. days), weighed by the count it is a mean over. */
  | 'MEAN';

/** One CBS table an indicator is read from, for the years it covers; a new table starts a new series. */
export interface SeriesSegment {
  readonly tableId: string;
  readonly fromYear: number;
}

export interface IndicatorDefinition {
  readonly code: string;
  readonly name: string;
  readonly kind: IndicatorKind;
  /** Oldest first; the last is the table CBS publishes now. */
  readonly series: readonly SeriesSegment[];
  readonly measure: string;
  /** The other dimensions' codes, as stored: "Dimension=Code" joined by ";" in name order. */
  readonly dims: string;
  /** SHARE: the whole; MEAN: the count the mean is over. */
  readonly weightMeasure: string | null;
  /** CBS's own relative figure of the count (a percentage of the age range), where it publishes one. */
  readonly relativeMeasure: string | null;
  /** The ages the count covers: 85099NED counts young people up to 23, not up to 18. */
  readonly ageRange: AgeRange | null;
  readonly unit: string;
}

/** 85099NED continues 84134NED from 2021 on, with another method: a break in the series. */
const KERNCIJFERS_SERIES: readonly SeriesSegment[] = [
  { tableId: KERNCIJFERS_2015_2020, fromYear: 2015 },
  { tableId: KERNCIJFERS, fromYear: 2021 },
];
const TRAJECTORY_SERIES: readonly SeriesSegment[] = [{ tableId: TRAJECTORIES, fromYear: 2021 }];

const youngPeople = (code: string, name: string, form: CbsCodeSpec): IndicatorDefinition => ({
  code,
  name,
  kind: 'RATE',
  series: KERNCIJFERS_SERIES,
  measure: MEASURES.youngPeople.key,
  dims: cell({ VormenVanJeugdzorg: form }),
  weightMeasure: null,
  relativeMeasure: MEASURES.youngPeopleRelative.key,
  ageRange: '0-22',
  unit: 'per 1,000 young people (0-22)',
});
const byReferrer = (referrer: CbsCodeSpec) => cell({ VerwijzerJeugdzorg: referrer });
const trajectories = (code: string, name: string, referrer: CbsCodeSpec, measure: CbsCodeSpec): IndicatorDefinition => ({
  code,
  name,
  kind: 'RATE',
  series: TRAJECTORY_SERIES,
  measure: measure.key,
  dims: byReferrer(referrer),
  weightMeasure: null,
  relativeMeasure: null,
  ageRange: '0-17',
  unit: 'per 1,000 young people (0-17)',
});
const ofEnded = (code: string, name: string, kind: 'SHARE' | 'MEAN', measure: CbsCodeSpec, unit: string): IndicatorDefinition => ({
  code,
  name,
  kind,
  series: TRAJECTORY_SERIES,
  measure: measure.key,
  dims: byReferrer(REFERRERS.total),
  weightMeasure: MEASURES.ended.key,
  relativeMeasure: null,
  ageRange: null,
  unit,
});

export const INDICATORS: readonly IndicatorDefinition[] = [
  youngPeople('YOUTH_CARE', 'Young people with youth care (jeugdzorg)', CARE_FORMS.total),
  youngPeople('YOUTH_CARE_WITHOUT_RESIDENCE', 'Young people with youth care without residence', CARE_FORMS.withoutResidence),
  youngPeople('YOUTH_CARE_WITH_RESIDENCE', 'Young people with youth care with residence', CARE_FORMS.withResidence),
  youngPeople('CHILD_PROTECTION', 'Young people under a child protection measure', CARE_FORMS.childProtection),
  youngPeople('YOUTH_PROBATION', 'Young people under youth probation', CARE_FORMS.probation),
  trajectories('TRAJECTORIES_STARTED', 'Youth-care trajectories started', REFERRERS.total, MEASURES.started),
  trajectories('TRAJECTORIES_STARTED_VIA_MUNICIPALITY', 'Trajectories started on referral by the municipal access team', REFERRERS.municipality, MEASURES.started),
  trajectories('TRAJECTORIES_STARTED_VIA_GP', 'Trajectories started on referral by a GP', REFERRERS.gp, MEASURES.started),
  trajectories('TRAJECTORIES_ENDED', 'Youth-care trajectories ended', REFERRERS.total, MEASURES.ended),
  ofEnded('TRAJECTORIES_ENDED_ACCORDING_TO_PLAN', 'Ended trajectories that ended according to plan', 'SHARE', MEASURES.accordingToPlan, 'share of ended trajectories (0 to 1)'),
  ofEnded('TRAJECTORIES_ENDED_EARLY', 'Ended trajectories that ended early', 'SHARE', MEASURES.early, 'share of ended trajectories (0 to 1)'),
  ofEnded('AVERAGE_TRAJECTORY_DAYS', 'Average duration of ended trajectories', 'MEAN', MEASURES.averageDuration, 'days'),
];

const byCode = new Map(INDICATORS.map((i) => [i.code, i]));

export function indicator(code: string): IndicatorDefinition {
  const found = byCode.get(code);
  if (!found) throw new Error(`indicator ${code} is not in the catalog`);
  return found;
}

/** The table an indicator is read from in a year: the last series segment that has begun. */
export function segmentFor(def: IndicatorDefinition, year: number): SeriesSegment {
  return [...def.series].reverse().find((s) => s.fromYear <= year) ?? def.series[0]!;
}

export const currentTable = (def: IndicatorDefinition): string => def.series[def.series.length - 1]!.tableId;

/** The years at which a new table took over the series. */
export const seriesBreaks = (def: IndicatorDefinition) =>
  def.series.slice(1).map((s, i) => ({ year: s.fromYear, before: def.series[i]!.tableId, after: s.tableId }));
