import { badInput } from './errors.js';
import { todayInNetherlands } from './scalars.js';

const MAX_YEARS = 10;

/** Years for a comparison: one to ten, none before the Jeugdwet (2015) nor in the future. */
export function comparisonYears(years: readonly number[]): number[] {
  const thisYear = Number(todayInNetherlands().slice(0, 4));
  const unique = [...new Set(years)].sort();
  if (unique.length === 0 || unique.length > MAX_YEARS) throw badInput('years', `years lists 1 to ${MAX_YEARS} years`);
  for (const year of unique) {
    if (year < 2015 || year > thisYear) throw badInput('years', `years must lie between 2015 and ${thisYear}, got ${year}`);
  }
  return unique;
}
