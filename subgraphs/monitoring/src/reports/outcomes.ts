import type { z } from 'zod';
import { agbCell, countCell, optionalPercentCell, regionCell, validateRows, yearCell, type Report, type RowContext, type SourceRow } from './records.js';

const columns = (context: RowContext) => ({
  region: regionCell(context.served),
  year: yearCell(context.thisYear),
  provider_agb: agbCell(),
  trajectories: countCell(),
  dropout_pct: optionalPercentCell(),
  usefulness_pct: optionalPercentCell(),
  continues_without_help_pct: optionalPercentCell(),
  no_repeat_use_pct: optionalPercentCell(),
  problems_reduced_pct: optionalPercentCell(),
  goals_reached_pct: optionalPercentCell(),
});

/**
 * A provider's outcome indicators (NJi harmonised set) in one region for one year: shares (0 to
 * 1) of the trajectories, null where the provider does not report the indicator.
 */
const toRecord = (row: z.output<z.ZodObject<ReturnType<typeof columns>>>) => ({
  region: row.region,
  year: row.year,
  providerAgb: row.provider_agb,
  trajectories: row.trajectories,
  dropout: row.dropout_pct,
  usefulness: row.usefulness_pct,
  continuesWithoutHelp: row.continues_without_help_pct,
  noRepeatUse: row.no_repeat_use_pct,
  problemsReduced: row.problems_reduced_pct,
  goalsReached: row.goals_reached_pct,
});
export type OutcomeRecord = Readonly<ReturnType<typeof toRecord>>;

export const OUTCOMES: Report<ReturnType<typeof columns>, OutcomeRecord> = { columns, toRecord };

export function validateOutcomes(label: string, rows: readonly SourceRow[], context: RowContext): OutcomeRecord[] {
  return validateRows(label, rows, OUTCOMES, (r) => [r.region, r.year, r.providerAgb], context);
}
