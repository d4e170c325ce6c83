import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { Field, SourceRow } from './records.js';
import { validateRows } from './records.js';

/** A client-experience survey result: region-wide, or for one provider in the region. */
export interface SatisfactionRecord {
  readonly region: RegionCode;
  readonly year: number;
  readonly providerAgb: string | null;
  readonly respondents: number;
  /** Shares (0 to 1) of respondents agreeing. */
  readonly accessibility: number;
  readonly quality: number;
  readonly effect: number;
  readonly overallGrade: number | null;
}

export const SATISFACTION_FIELDS: readonly Field[] = [
  { column: 'region', key: 'region', kind: 'region', required: true },
  { column: 'year', key: 'year', kind: 'year', required: true },
  { column: 'provider_agb', key: 'providerAgb', kind: 'agb', required: false },
  { column: 'respondents', key: 'respondents', kind: 'count', required: true },
  { column: 'accessibility_pct', key: 'accessibility', kind: 'percent', required: true },
  { column: 'quality_pct', key: 'quality', kind: 'percent', required: true },
  { column: 'effect_pct', key: 'effect', kind: 'percent', required: true },
  { column: 'overall_grade', key: 'overallGrade', kind: 'grade', required: false },
];

export function validateSatisfaction(label: string, rows: readonly SourceRow[], served: readonly RegionCode[], thisYear: number): SatisfactionRecord[] {
  return validateRows(label, rows, SATISFACTION_FIELDS, ['region', 'year', 'providerAgb'], served, thisYear) as unknown as SatisfactionRecord[];
}
