import type { z } from 'zod';
import {
  countCell,
  optionalAgbCell,
  optionalGradeCell,
  percentCell,
  regionCell,
  validateRows,
  yearCell,
  type Report,
  type RowContext,
  type SourceRow,
} from './records.js';

const columns = (context: RowContext) => ({
  region: regionCell(context.served),
  year: yearCell(context.thisYear),
  provider_agb: optionalAgbCell(),
  respondents: countCell(),
  accessibility_pct: percentCell(),
  quality_pct: percentCell(),
  effect_pct: percentCell(),
  overall_grade: optionalGradeCell(),
});

/** A client-experience survey result: region-wide, or for one provider in the region; shares from 0 to 1 of respondents agreeing. */
const toRecord = (row: z.output<z.ZodObject<ReturnType<typeof columns>>>) => ({
  region: row.region,
  year: row.year,
  providerAgb: row.provider_agb,
  respondents: row.respondents,
  accessibility: row.accessibility_pct,
  quality: row.quality_pct,
  effect: row.effect_pct,
  overallGrade: row.overall_grade,
});
export type SatisfactionRecord = Readonly<ReturnType<typeof toRecord>>;

export const SATISFACTION: Report<ReturnType<typeof columns>, SatisfactionRecord> = { columns, toRecord };

export function validateSatisfaction(label: string, rows: readonly SourceRow[], context: RowContext): SatisfactionRecord[] {
  return validateRows(label, rows, SATISFACTION, (r) => [r.region, r.year, r.providerAgb], context);
}
