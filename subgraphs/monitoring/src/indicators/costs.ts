import { COSTS, MEASURES } from '../cbs/tables.js';
import type { AggregateRow, WantedFigure } from '../db/national-repository.js';
import { parsePeriod } from '../cbs/periods.js';

/** 83454NED publishes municipal youth-care costs in thousands of euros. */
const THOUSAND = 1000;
const COST_FIGURE = 'COSTS';

/** The cost figure of a year, for the national aggregate: CBS's row for the area, or the sum over its members. */
export const costFigure = (period: string): WantedFigure => ({
  indicator: COST_FIGURE,
  tableId: COSTS,
  measure: MEASURES.costs.key,
  dims: '',
  weightMeasure: null,
  relativeMeasure: null,
  period,
  startsOn: parsePeriod(period)!.startsOn,
});

/** Euros are not counts of children: no small-number rule, but no figure when a member's is missing. */
export function costInEuros(row: AggregateRow | undefined): number | null {
  if (!row) return null;
  if (row.ownPresent) return row.ownValue === null ? null : row.ownValue * THOUSAND;
  if (row.present < row.expected || row.withoutFigure > 0 || row.total === null) return null;
  return row.total * THOUSAND;
}
