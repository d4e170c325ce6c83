import type { RegionCode } from '@youth-care/lib/regions/registry';
import type { Field, SourceRow } from './records.js';
import { validateRows } from './records.js';

/** A provider's outcome indicators (NJi harmonised set) in one region for one year. */
export interface OutcomeRecord {
  readonly region: RegionCode;
  readonly year: number;
  readonly providerAgb: string;
  readonly trajectories: number;
  /** Shares (0 to 1) of the trajectories; null where the provider does not report the indicator. */
  readonly dropout: number | null;
  readonly usefulness: number | null;
  readonly continuesWithoutHelp: number | null;
  readonly noRepeatUse: number | null;
  readonly problemsReduced: number | null;
  readonly goalsReached: number | null;
}

export const OUTCOME_FIELDS: readonly Field[] = [
  { column: 'region', key: 'region', kind: 'region', required: true },
  { column: 'year', key: 'year', kind: 'year', required: true },
  { column: 'provider_agb', key: 'providerAgb', kind: 'agb', required: true },
  { column: 'trajectories', key: 'trajectories', kind: 'count', required: true },
  { column: 'dropout_pct', key: 'dropout', kind: 'percent', required: false },
  { column: 'usefulness_pct', key: 'usefulness', kind: 'percent', required: false },
  { column: 'continues_without_help_pct', key: 'continuesWithoutHelp', kind: 'percent', required: false },
  { column: 'no_repeat_use_pct', key: 'noRepeatUse', kind: 'percent', required: false },
  { column: 'problems_reduced_pct', key: 'problemsReduced', kind: 'percent', required: false },
  { column: 'goals_reached_pct', key: 'goalsReached', kind: 'percent', required: false },
];

export function validateOutcomes(label: string, rows: readonly SourceRow[], served: readonly RegionCode[], thisYear: number): OutcomeRecord[] {
  return validateRows(label, rows, OUTCOME_FIELDS, ['region', 'year', 'providerAgb'], served, thisYear) as unknown as OutcomeRecord[];
}
