import { badInput } from './errors.js';
import { todayInNetherlands } from './scalars.js';

/**
 * The years any figure may be asked or reported for: from the Jeugdwet (2015), when youth care
 * moved to the municipalities, to the year in progress. Anything else is a typing error.
 */
export const FIRST_YEAR = 2015;

export const currentYear = (): number => Number(todayInNetherlands().slice(0, 4));

export function isFigureYear(year: number, thisYear = currentYear()): boolean {
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= thisYear;
}

export function checkYear(year: number, field = 'year'): number {
  const thisYear = currentYear();
  if (!isFigureYear(year, thisYear)) throw badInput(field, `${field} must lie between ${FIRST_YEAR} and ${thisYear}, got ${year}`);
  return year;
}

/** Chosen years, checked, without repeats, in order; the bounds themselves cap how many. */
export function checkYears(years: readonly number[], field = 'years'): number[] {
  if (years.length === 0) throw badInput(field, `${field} must name at least one year`);
  return [...new Set(years.map((year) => checkYear(year, field)))].sort((a, b) => a - b);
}
