import { badInput } from '@youth-care/lib/errors';
import { parsePeriod } from '../cbs/periods.js';

const FIRST_YEAR = 2015;
const LAST_YEAR = 2100;
const MAX_YEARS = 20;
const MAX_PERIODS = 40;

export function checkYear(year: number, field: string): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(field, `${field} must hold years from ${FIRST_YEAR} to ${LAST_YEAR}, got ${year}`);
  }
  return year;
}

/** Chosen years, checked, without repeats, in order. */
export function checkYears(years: readonly number[], field = 'years'): number[] {
  if (years.length === 0) throw badInput(field, `${field} must name at least one year`);
  if (years.length > MAX_YEARS) throw badInput(field, `${field} may name at most ${MAX_YEARS} years`);
  return [...new Set(years.map((y) => checkYear(y, field)))].sort((a, b) => a - b);
}

/** CBS period codes, checked, without repeats. */
export function checkPeriods(periods: readonly string[], field = 'periods'): string[] {
  if (periods.length === 0) throw badInput(field, `${field} must name at least one CBS period, e.g. 2023JJ00`);
  if (periods.length > MAX_PERIODS) throw badInput(field, `${field} may name at most ${MAX_PERIODS} periods`);
  return [
    ...new Set(
      periods.map((p) => {
        const code = p.trim().toUpperCase();
        if (!parsePeriod(code)) throw badInput(field, `${field}: "${p}" is not a CBS period code such as 2023JJ00 (year), 2023HJ01 (half year), 2023KW02, 2023MM05`);
        return code;
      }),
    ),
  ];
}
